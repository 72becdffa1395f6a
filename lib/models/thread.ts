/**
 * One open thread of the side panel: its loaded messages and outbox (paged in thread-messages),
 * the reply being written (its draft and images), sending, reactions and the contact's profile.
 * The inbox makes one when a thread opens and disposes it when the thread closes or another one
 * opens. Every result lands through `write`, which does nothing once disposed: a read, a send or
 * a profile that answers after the thread closed cannot show in another thread.
 */
import { batch, computed, signal, type ReadonlySignal } from '@preact/signals';
import type { ContactProfile } from '../contacts/profile';
import type { Account, Draft } from '../db/schema';
import { logDiagnostic } from '../diagnostics';
import { DeskError } from '../errors';
import { t } from '../i18n';
import type { Notice, RequestName, Requests } from '../messaging/protocol';
import { reactionBlocker, withOwnReaction } from '../policy/reactions';
import { createAttachmentsModel, type AttachmentsDeps } from './attachments';
import { createThreadMessages, type ThreadMessagesDeps } from './thread-messages';

export interface ThreadDeps extends ThreadMessagesDeps, AttachmentsDeps {
  getDraft(conversationId: string): Promise<Draft | undefined>;
  saveDraft(draft: Draft): Promise<void>;
  request<N extends RequestName>(name: N, payload: Requests[N]['request']): Promise<Requests[N]['response']>;
  now?: () => number;
  /** Debounce for saving drafts while typing. */
  draftDelayMs?: number;
}

export interface ThreadOptions {
  account: Pick<Account, 'id' | 'username'>;
  conversationId: string;
  /** A search hit to open the thread at (and scroll to, once). */
  focus?: { messageId: string; createdTime: number };
}

export type ThreadModel = ReturnType<typeof createThreadModel>;

export function createThreadModel(deps: ThreadDeps, options: ThreadOptions) {
  const { account, conversationId, focus } = options;
  const accountId = account.id;
  const now = deps.now ?? Date.now;
  let disposed = false;
  /** The one place results land: nothing lands after dispose. True when it landed. */
  const write = (fn: () => void): boolean => {
    if (disposed) return false;
    batch(fn);
    return true;
  };

  const loaded = createThreadMessages(deps, conversationId, write);
  // The reply box shows only images of no reply in the outbox: a queued or failed reply keeps its
  // own, and offering them again would send them twice.
  const attachments = createAttachmentsModel(
    {
      ...deps,
      listUploads: async (id) => {
        const [uploads, items] = await Promise.all([deps.listUploads(id), deps.listOutbox(id)]);
        const held = new Set(items.flatMap((i) => i.uploadIds));
        return uploads.filter((u) => !held.has(u.id));
      },
    },
    { accountId, conversationId },
  );
  /** The message to scroll to (a search result), once. */
  const focusMessageId = signal<string | null>(focus?.messageId ?? null);
  const draft = signal('');
  const sendError = signal<string | null>(null);
  /** A failed action on the thread (e.g. a reaction Instagram refused). */
  const actionError = signal<string | null>(null);
  const profile = signal<ContactProfile | null>(null);
  const profileError = signal<string | null>(null);
  let draftTimer: ReturnType<typeof setTimeout> | undefined;

  /**
   * A reply of this conversation is on its way: Send waits for it. One waiting for Instagram's rate
   * limit (or being checked) does not hold the box: what is written next queues behind it.
   */
  const sending = computed(() => loaded.outbox.value.some((o) => o.state === 'sending' || (o.state === 'queued' && !o.notBefore)));

  function flushDraft(): void {
    if (draftTimer === undefined) return;
    clearTimeout(draftTimer);
    draftTimer = undefined;
    void deps
      .saveDraft({ accountId, conversationId, text: draft.value, updatedAt: now() })
      .catch((e: unknown) => logDiagnostic('ui', 'Could not save the draft', e));
  }

  function setDraft(text: string): void {
    write(() => {
      draft.value = text;
      clearTimeout(draftTimer);
      draftTimer = setTimeout(flushDraft, deps.draftDelayMs ?? 300);
    });
  }

  function markOpened(): void {
    void deps
      .request('markOpened', { accountId, conversationId })
      .catch((e: unknown) => logDiagnostic('ui', 'Could not mark the conversation read', e));
  }

  async function loadProfile(refresh = false): Promise<void> {
    write(() => (profileError.value = null));
    try {
      const p = await deps.request('profile', { accountId, conversationId, refresh });
      write(() => (profile.value = p));
    } catch (e) {
      write(() => (profileError.value = e instanceof DeskError ? e.message : t('thread.profileFailed')));
    }
  }

  /** A refused outbox action: its reason shows above the thread (and goes to the diagnostics log). */
  function showOutboxRefusal(e: unknown, fallback: string): void {
    logDiagnostic('ui', 'The background refused an outbox action', e);
    write(() => (actionError.value = e instanceof DeskError ? e.message : fallback));
  }

  return {
    accountId,
    conversationId,
    messages: loaded.messages,
    outbox: loaded.outbox,
    hasOlder: loaded.hasOlder,
    hasNewer: loaded.hasNewer,
    focusMessageId: focusMessageId as ReadonlySignal<string | null>,
    draft: draft as ReadonlySignal<string>,
    sending,
    sendError: sendError as ReadonlySignal<string | null>,
    actionError: actionError as ReadonlySignal<string | null>,
    profile: profile as ReadonlySignal<ContactProfile | null>,
    profileError: profileError as ReadonlySignal<string | null>,
    attachments,
    loadOlder: loaded.loadOlder,
    loadNewer: loaded.loadNewer,
    /** Back to the newest messages (from far back in history). */
    jumpToNewest: loaded.loadNewest,

    /**
     * Reads the thread (at the search hit when opened from one), its draft and images, then marks
     * it read. True when the thread is still open afterwards.
     */
    async load(): Promise<boolean> {
      const [, saved] = await Promise.all([
        focus ? loaded.loadAround(focus.createdTime) : loaded.reload(),
        deps.getDraft(conversationId),
        attachments.load(),
      ]);
      const open = write(() => {
        if (draft.value === '') draft.value = saved?.text ?? '';
      });
      if (!open) return false;
      // After the thread is on screen: marking it read makes the background recount the badge,
      // which reads every conversation and would otherwise compete with loading the thread.
      markOpened();
      return true;
    },

    /** The search hit was scrolled into view: it is not scrolled to again. */
    consumeFocus(): void {
      write(() => (focusMessageId.value = null));
    },

    /** The reply box changed: keep it, and save it shortly after typing stops. */
    setDraft,

    /** The contact's details, read once (the panel asks when it opens). */
    async showProfile(): Promise<void> {
      if (!profile.value) await loadProfile();
    },
    refreshProfile: () => loadProfile(true),

    /**
     * Sends the reply in the box (and attached images) through the persistent outbox. The box
     * empties once the reply is safely stored; if it cannot even be stored, the text stays.
     */
    async send(): Promise<boolean> {
      const text = draft.value;
      const uploadIds = attachments.images.value.map((i) => i.id);
      if (text.trim() === '' && uploadIds.length === 0) return false;
      // A closed thread sends nothing.
      if (!write(() => (sendError.value = null))) return false;
      try {
        await deps.request('send', { accountId, conversationId, text, uploadIds });
        write(() => {
          clearTimeout(draftTimer);
          draftTimer = undefined;
          draft.value = '';
        });
        attachments.clearSent(uploadIds);
        // Even when the thread closed meanwhile: a sent reply's draft must not come back. The reply
        // is queued whatever happens here, so a failure is logged, never shown as "Not sent".
        await deps
          .saveDraft({ accountId, conversationId, text: '', updatedAt: now() })
          .catch((e: unknown) => logDiagnostic('ui', 'Could not clear the draft of a sent reply', e));
        // The reply shows at the end of the thread: come back there from far back in history.
        if (loaded.hasNewer.value) await loaded.loadNewest();
        else await loaded.reload();
        return true;
      } catch (e) {
        write(() => (sendError.value = t('composer.notSent', { reason: e instanceof DeskError ? e.message : t('composer.queueFailed') })));
        return false;
      }
    },

    /** Sends a failed reply again. If the background refuses (it is still checking), the reason shows. */
    async retry(outboxId: string): Promise<void> {
      write(() => (actionError.value = null));
      await deps.request('retrySend', { outboxId }).catch((e: unknown) => showOutboxRefusal(e, t('thread.retryFailed')));
      await loaded.loadOutbox();
    },

    async discard(outboxId: string): Promise<void> {
      write(() => (actionError.value = null));
      await deps.request('discardSend', { outboxId }).catch((e: unknown) => showOutboxRefusal(e, t('thread.deleteFailed')));
      await loaded.loadOutbox();
    },

    /**
     * Takes a failed reply back into the box to change it: its text (what did not go out yet) and
     * its images, which stay stored and show in the box again.
     */
    async edit(outboxId: string): Promise<void> {
      const item = loaded.outbox.value.find((o) => o.id === outboxId);
      if (!item) return;
      write(() => (actionError.value = null));
      try {
        await deps.request('discardSend', { outboxId, keepImages: true });
      } catch (e) {
        // Refused (DM Desk is still checking whether it was sent): the reply stays where it is.
        showOutboxRefusal(e, t('thread.editFailed'));
        await loaded.loadOutbox();
        return;
      }
      const text = item.sentParts.includes('text') ? '' : item.text;
      if (text !== '') setDraft(draft.value.trim() === '' ? text : `${draft.value}\n${text}`);
      if (item.uploadIds.length > 0 && !item.sentParts.includes('images')) await attachments.load();
      await loaded.loadOutbox();
    },

    /** Reacts at once on screen; if Instagram refuses, the reaction goes back and the reason shows. */
    async react(messageId: string, emoji: string | null): Promise<void> {
      const before = loaded.messages.value;
      if (!before) return;
      const target = before.find((m) => m.id === messageId);
      const blocker = target ? reactionBlocker(target) : t('thread.messageGone');
      write(() => (actionError.value = blocker));
      if (blocker) return;
      loaded.update((current) =>
        current.map((m) =>
          m.id === messageId ? { ...m, reactions: withOwnReaction(m.reactions, account.id, account.username, emoji) } : m,
        ),
      );
      try {
        await deps.request('react', { accountId, conversationId, messageId, emoji });
      } catch (e) {
        loaded.update((current) => current.map((m) => (m.id === messageId ? (before.find((b) => b.id === messageId) ?? m) : m)));
        write(() => (actionError.value = e instanceof DeskError ? e.message : t('thread.reactionFailed')));
      }
    },

    /** A change the background announced: re-read what concerns this thread. */
    onNotice(notice: Notice): void {
      if (notice.type === 'upload-progress' && notice.conversationId === conversationId) {
        attachments.setState(notice.uploadId, notice.state);
      } else if (notice.type === 'outbox-changed' && notice.conversationId === conversationId) {
        void loaded.reload();
      } else if (
        notice.type === 'conversations-changed' &&
        notice.accountId === accountId &&
        notice.conversationIds.includes(conversationId)
      ) {
        void loaded.reload();
        // New messages in the open thread are read as they arrive.
        markOpened();
      }
    },

    /** The thread closed: the draft is saved now, and nothing started before lands any more. */
    dispose(): void {
      if (disposed) return;
      flushDraft();
      attachments.dispose();
      disposed = true;
    },
  };
}
