/**
 * The saved-reply picker of a reply box. Typing `/` at the start of the box opens it; what follows
 * the `/` filters the replies by shortcut, title and text (case and accents ignored); the arrows
 * choose, Enter or Tab inserts the chosen reply with its variables filled (replacing the `/query`),
 * Esc closes it and leaves the text as typed. When the query is exactly a reply's shortcut
 * (`/hours`), that reply comes first, so `/hours` + Enter inserts it directly.
 *
 * The box's text comes in through `setText` (on every input and whenever the text is replaced);
 * `key` takes the box's keys and says whether the picker used one and what text to put in the box.
 */
import { batch, computed, signal, type ReadonlySignal } from '@preact/signals';
import { fillReply, type FillContext } from '../saved-replies/fill';
import type { SavedReply } from '../saved-replies/types';

export interface KeyResult {
  /** The picker used the key: the box must not act on it (no send, no new line, no focus move). */
  handled: boolean;
  /** The box's new text (a reply was inserted). */
  text?: string;
}

const fold = (s: string): string =>
  s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();

/** How well a reply matches a query (higher first); 0 = not at all. */
export function matchScore(reply: SavedReply, query: string): number {
  const q = fold(query.trim());
  if (q === '') return 1;
  const shortcut = reply.shortcut;
  const title = fold(reply.title);
  if (shortcut === q) return 6;
  if (shortcut.startsWith(q)) return 5;
  if (title.startsWith(q)) return 4;
  if (title.split(/\s+/).some((w) => w.startsWith(q)) || shortcut.includes(q)) return 3;
  if (title.includes(q)) return 2;
  return fold(reply.text).includes(q) ? 1 : 0;
}

/** The replies that match, best first, keeping the person's order among equals. */
export function filterReplies(replies: readonly SavedReply[], query: string): SavedReply[] {
  return replies
    .map((reply, index) => ({ reply, index, score: matchScore(reply, query) }))
    .filter((m) => m.score > 0)
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .map((m) => m.reply);
}

/** The `/query` the box holds, or null when the box does not start a picker query. */
export function pickerQuery(text: string): string | null {
  return text.startsWith('/') && !text.includes('\n') ? text.slice(1) : null;
}

export type ReplyPicker = ReturnType<typeof createReplyPicker>;

export function createReplyPicker(replies: ReadonlySignal<SavedReply[]>) {
  const text = signal('');
  /** Esc closed the picker for this `/…` (it opens again once the box no longer starts with `/`). */
  const dismissed = signal(false);
  const active = signal(0);

  const query = computed(() => pickerQuery(text.value));
  const open = computed(() => query.value !== null && !dismissed.value);
  const matches = computed(() => (open.value ? filterReplies(replies.value, query.value ?? '') : []));
  const activeIndex = computed(() => Math.min(active.value, Math.max(0, matches.value.length - 1)));
  const activeReply = computed(() => matches.value[activeIndex.value] ?? null);

  const setText = (next: string): void => {
    if (next === text.peek()) return;
    batch(() => {
      if (pickerQuery(next) === null) dismissed.value = false;
      // A changed query starts again at its best match.
      if (pickerQuery(next) !== pickerQuery(text.peek())) active.value = 0;
      text.value = next;
    });
  };

  /** The text to put in the box for a reply: its filled text in place of the `/query`. */
  const choose = (reply: SavedReply, ctx: FillContext): string => {
    const filled = fillReply(reply.text, ctx);
    batch(() => {
      text.value = filled;
      // A reply that itself starts with `/` must not open the picker again.
      dismissed.value = pickerQuery(filled) !== null;
      active.value = 0;
    });
    return filled;
  };

  const key = (name: string, ctx: FillContext, mods: { shift?: boolean } = {}): KeyResult => {
    if (!open.peek()) return { handled: false };
    const count = matches.peek().length;
    switch (name) {
      case 'ArrowDown':
        if (count > 0) active.value = (activeIndex.peek() + 1) % count;
        return { handled: true };
      case 'ArrowUp':
        if (count > 0) active.value = (activeIndex.peek() - 1 + count) % count;
        return { handled: true };
      case 'Home':
      case 'End':
        if (count === 0) return { handled: false };
        active.value = name === 'Home' ? 0 : count - 1;
        return { handled: true };
      case 'Escape':
        dismissed.value = true;
        return { handled: true };
      case 'Enter':
      case 'Tab': {
        if (mods.shift) return { handled: false };
        const reply = activeReply.peek();
        // Nothing matches: Enter does nothing (a half-typed `/query` is never sent by accident);
        // Tab moves on as usual.
        if (!reply) return { handled: name === 'Enter' };
        return { handled: true, text: choose(reply, ctx) };
      }
      default:
        return { handled: false };
    }
  };

  return {
    open,
    query,
    matches,
    activeIndex,
    activeReply,
    setText,
    key,
    choose,
    /** Points at a reply (the mouse is over it). */
    highlight: (index: number) => {
      active.value = index;
    },
    close: () => {
      dismissed.value = true;
    },
  };
}
