/** How much of a thread is loaded at once (no browser APIs: the benchmark imports it too). */

/** Messages read per page of a thread (the rest loads as you scroll). */
export const THREAD_PAGE = 60;
/**
 * Most messages a thread keeps loaded: scrolling on loads a page at one end and lets go of the
 * far end, so a 5,000-message thread scrolls with a few hundred elements, like a 100-message one.
 */
export const THREAD_WINDOW = 180;
