import type { ComponentProps } from 'preact';
import type { Thread } from './Thread';
import { lazyComponent } from './lazy';

/**
 * The open conversation (its messages, composer, attachments, reactions and pickers). Its code is
 * not needed to paint the list, so it loads apart: right after the first rows, or when a
 * conversation opens before that. The inbox waits for it before it shows a thread
 * (`prepareThread` in main.tsx), so a thread never draws empty while its code is on the way.
 */
// i18n-exempt: a module path and a component name, not words
export const LazyThread = lazyComponent<ComponentProps<typeof Thread>>(() => import('./Thread').then((m) => m.Thread), 'Thread');
