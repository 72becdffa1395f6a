/**
 * Saved replies for every page: the ordered list (following changes made in any page or another
 * browser through storage.sync), and create, edit, delete (with undo) and reorder for the options
 * page and "Save as reply". A write that does not fit sync's quota, or that the browser refuses,
 * resolves with the reason in words and changes nothing: the caller keeps what was typed.
 * The picker that inserts a reply in a reply box is in reply-picker.ts.
 */
import { computed, signal, type ReadonlySignal } from '@preact/signals';
import { logDiagnostic } from '../diagnostics';
import { t } from '../i18n';
import { kb, QUOTA_BYTES, type Usage } from '../saved-replies/quota';
import {
  loadStored,
  orderOf,
  ReplyWriteError,
  replyKey,
  storedValue,
  writeChanges,
  ORDER_KEY,
  type SyncArea,
} from '../saved-replies/store';
import {
  hasErrors,
  newReplyId,
  normalizeShortcut,
  shortcutFromTitle,
  validateDraft,
  type DraftErrors,
  type ReplyDraft,
  type SavedReply,
} from '../saved-replies/types';

export type SaveResult = { ok: true; reply: SavedReply } | { ok: false; errors: DraftErrors; message: string | null };

export interface SavedRepliesDeps {
  area: SyncArea;
  now?: () => number;
  newId?: () => string;
}

const readFailed = (): string => t('replies.readFailed');
const writeFailed = (): string => t('replies.writeFailed');

export type SavedRepliesModel = ReturnType<typeof createSavedRepliesModel>;

export function createSavedRepliesModel(deps: SavedRepliesDeps) {
  const now = deps.now ?? Date.now;
  const newId = deps.newId ?? newReplyId;
  const replies = signal<SavedReply[]>([]);
  const usage = signal<Usage>({ bytes: 0, items: 0 });
  const loaded = signal(false);
  const error = signal<string | null>(null);
  /** The reply deleted last, for Undo. */
  const deleted = signal<{ reply: SavedReply; index: number } | null>(null);
  /** A reply being made from a sent message ("Save as reply"), prefilled. */
  const composing = signal<ReplyDraft | null>(null);
  let disposed = false;
  let reads = 0;

  const reload = async (): Promise<void> => {
    const mine = ++reads;
    try {
      const stored = await loadStored(deps.area);
      if (disposed || mine !== reads) return;
      replies.value = stored.replies;
      usage.value = stored.usage;
      if (error.value === readFailed()) error.value = null;
    } catch (e) {
      logDiagnostic('saved-replies', 'Saved replies could not be read', e);
      if (!disposed && mine === reads) error.value = readFailed();
    } finally {
      if (!disposed && mine === reads) loaded.value = true;
    }
  };

  const unwatch = deps.area.onChanged((keys) => {
    if (keys.some((k) => k === ORDER_KEY || k.startsWith('savedReply.'))) void reload();
  });
  const ready = reload();

  /** Writes, then shows what is stored; a refusal becomes the message to show. */
  const write = async (changes: Record<string, unknown>): Promise<string | null> => {
    try {
      await writeChanges(deps.area, changes);
      if (error.value === writeFailed()) error.value = null;
      await reload();
      return null;
    } catch (e) {
      if (e instanceof ReplyWriteError) return e.message;
      logDiagnostic('saved-replies', 'A saved reply could not be stored', e);
      return writeFailed();
    }
  };

  /** Creates a reply (no id) or saves an edited one. */
  const save = async (draft: ReplyDraft, id?: string): Promise<SaveResult> => {
    await ready;
    const current = replies.peek();
    const others = current.filter((r) => r.id !== id);
    const errors = validateDraft(draft, others);
    if (hasErrors(errors)) return { ok: false, errors, message: null };
    const reply: SavedReply = {
      id: id && current.some((r) => r.id === id) ? id : newId(),
      title: draft.title.trim(),
      shortcut: normalizeShortcut(draft.shortcut),
      text: draft.text.trim(),
      updatedAt: now(),
    };
    const isNew = !current.some((r) => r.id === reply.id);
    const changes: Record<string, unknown> = { [replyKey(reply.id)]: storedValue(reply) };
    if (isNew) changes[ORDER_KEY] = [...orderOf(current), reply.id];
    const message = await write(changes);
    return message ? { ok: false, errors: {}, message } : { ok: true, reply };
  };

  /** Deletes a reply; `undoDelete` brings it back at its place. */
  const remove = async (id: string): Promise<string | null> => {
    const current = replies.peek();
    const index = current.findIndex((r) => r.id === id);
    const reply = current[index];
    if (!reply) return null;
    const message = await write({ [replyKey(id)]: null, [ORDER_KEY]: orderOf(current.filter((r) => r.id !== id)) });
    if (!message) deleted.value = { reply, index };
    return message;
  };

  const undoDelete = async (): Promise<string | null> => {
    const last = deleted.peek();
    if (!last) return null;
    const current = replies.peek().filter((r) => r.id !== last.reply.id);
    // Its shortcut may have been taken meanwhile (another browser): it comes back without it clashing.
    const clash = current.some((r) => r.shortcut === last.reply.shortcut);
    const reply = clash ? { ...last.reply, shortcut: `${last.reply.shortcut.slice(0, 28)}-old` } : last.reply;
    const order = orderOf(current);
    order.splice(Math.min(last.index, order.length), 0, reply.id);
    const message = await write({ [replyKey(reply.id)]: storedValue(reply), [ORDER_KEY]: order });
    if (!message) deleted.value = null;
    return message;
  };

  /** Moves a reply one place up (-1) or down (+1). */
  const move = async (id: string, delta: -1 | 1): Promise<string | null> => {
    const current = [...replies.peek()];
    const from = current.findIndex((r) => r.id === id);
    const to = from + delta;
    if (from < 0 || to < 0 || to >= current.length) return null;
    const [reply] = current.splice(from, 1);
    current.splice(to, 0, reply!);
    // At once on screen (a quick second press moves from here), then stored.
    replies.value = current;
    const message = await write({ [ORDER_KEY]: orderOf(current) });
    if (message) await reload();
    return message;
  };

  /** Opens the editor prefilled from a sent message: its first words as the title, a free shortcut from them. */
  const composeFrom = (text: string): void => {
    const body = text.trim();
    const firstLine = body.split('\n')[0] ?? '';
    const words = firstLine.split(/\s+/).filter(Boolean);
    let title = '';
    for (const w of words) {
      if ((title + ' ' + w).trim().length > 40) break;
      title = `${title} ${w}`.trim();
    }
    if (title === '') title = Array.from(firstLine).slice(0, 40).join('');
    const taken = new Set(replies.peek().map((r) => r.shortcut));
    composing.value = { title, shortcut: shortcutFromTitle(words.slice(0, 2).join(' ') || title, taken), text: body };
  };

  /** "12.3 KB of 100.0 KB of sync storage used." for the options page (with a warning when almost full). */
  const usageText = computed(() => {
    const sizes = { used: kb(usage.value.bytes), quota: kb(QUOTA_BYTES) };
    return usage.value.bytes > QUOTA_BYTES * 0.9 ? t('replies.usageAlmostFull', sizes) : t('replies.usage', sizes);
  });

  return {
    replies: replies as ReadonlySignal<SavedReply[]>,
    loaded: loaded as ReadonlySignal<boolean>,
    error: error as ReadonlySignal<string | null>,
    usage: usage as ReadonlySignal<Usage>,
    usageText,
    deleted: deleted as ReadonlySignal<{ reply: SavedReply; index: number } | null>,
    ready,
    reload,
    save,
    remove,
    undoDelete,
    dismissUndo: () => {
      deleted.value = null;
    },
    move,
    composing: composing as ReadonlySignal<ReplyDraft | null>,
    composeFrom,
    closeComposer: () => {
      composing.value = null;
    },
    dispose: () => {
      disposed = true;
      unwatch();
    },
  };
}
