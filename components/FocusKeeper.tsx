import { useSignalEffect } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import type { InboxModel } from '@/lib/models/inbox';

interface Props {
  model: InboxModel;
}

const LIST = '.conversation-list';
const ROW = `${LIST} [data-conversation-id]`;

function lost(): boolean {
  return document.activeElement === null || document.activeElement === document.body;
}

/** Focuses an element that is not focusable by itself (a heading) without adding it to the Tab order. */
function focusOn(el: HTMLElement | null | undefined): boolean {
  if (!el) return false;
  if (el.tabIndex < 0 && !el.hasAttribute('tabindex')) el.setAttribute('tabindex', '-1');
  el.focus({ preventScroll: true });
  el.scrollIntoView?.({ block: 'nearest' });
  return document.activeElement === el;
}

function rowOf(conversationId: string | null): HTMLElement | null {
  return conversationId ? document.querySelector<HTMLElement>(`${LIST} [data-conversation-id="${CSS.escape(conversationId)}"]`) : null;
}

function threadHeading(): HTMLElement | null {
  return document.querySelector<HTMLElement>('.thread .thread-title');
}

/**
 * Keeps the keyboard focus where a person expects it while the side panel redraws under it:
 * opening a conversation from the list moves it to the conversation's heading; closing one puts
 * it back on that conversation's row; and when what held the focus leaves the page (a row moved
 * by a new message or a pin, a closed panel, a button that is no longer offered) the focus goes to
 * the same thing drawn again, else to the open conversation or the list, never to nowhere.
 * Dialogs give the focus back to what opened them themselves (the browser does it for <dialog>).
 */
export function FocusKeeper({ model }: Props) {
  /** The conversation open at the last look, and the one before it (its row takes the focus back). */
  const open = useRef<string | null>(null);
  const closed = useRef<string | null>(null);

  useEffect(() => {
    let last: HTMLElement | null = null;
    /** The conversation open when the focus last moved (its row takes the focus when it closes under it). */
    let openThen: string | null = null;
    const onFocusIn = (e: FocusEvent): void => {
      last = e.target instanceof HTMLElement ? e.target : null;
      openThen = model.selectedConversationId.peek();
    };
    // Focus left for nothing while the element is still on the page: the person put it there (a
    // click on blank space, Esc in a text field). It is not taken back.
    const onFocusOut = (e: FocusEvent): void => {
      if (e.relatedTarget !== null) return;
      const was = last;
      setTimeout(() => {
        if (was === last && lost() && was?.isConnected) last = null;
      }, 0);
    };
    const observer = new MutationObserver((records) => {
      const was = last;
      if (!was || !lost()) return;
      const removal = records.find((r) => Array.from(r.removedNodes).some((n) => n === was || n.contains(was)));
      if (!removal) return;
      if (was.isConnected && focusOn(was)) return;
      const same = was.dataset.conversationId ? rowOf(was.dataset.conversationId) : was.id ? document.getElementById(was.id) : null;
      if (same && focusOn(same)) return;
      // A menu that closed: the button beside it that opened it. The contact panel: its toggle.
      const parent = removal.target instanceof HTMLElement && removal.target.isConnected ? removal.target : null;
      const opener = was.closest('.contact-panel')
        ? document.querySelector<HTMLElement>('.thread-header [aria-pressed]')
        : parent?.querySelector<HTMLElement>(':scope > [aria-expanded="false"]');
      if (focusOn(opener)) return;
      if (model.selectedConversationId.peek() && focusOn(threadHeading())) return;
      if (focusOn(rowOf(openThen)) || focusOn(rowOf(closed.current))) return;
      focusOn(document.querySelector<HTMLElement>(ROW) ?? document.querySelector<HTMLElement>('main h2, main'));
    });
    observer.observe(document.body, { childList: true, subtree: true });
    document.addEventListener('focusin', onFocusIn);
    document.addEventListener('focusout', onFocusOut);
    return () => {
      observer.disconnect();
      document.removeEventListener('focusin', onFocusIn);
      document.removeEventListener('focusout', onFocusOut);
    };
  }, [model]);

  useSignalEffect(() => {
    const id = model.selectedConversationId.value;
    const before = open.current;
    if (id === before) return;
    open.current = id;
    if (before) closed.current = before;
    // After the page has drawn the change.
    requestAnimationFrame(() => {
      const active = document.activeElement;
      if (id) {
        // Opened from the list or a search result: the conversation takes the focus.
        if (lost() || active?.closest('.list-pane')) focusOn(threadHeading());
      } else if (before && lost()) {
        // Closed (Back, Esc, marked unread): its row.
        if (!focusOn(rowOf(before))) focusOn(document.querySelector<HTMLElement>(ROW));
      }
    });
  });
  return null;
}
