import { render } from 'preact';
import { loadDateLocale } from '@/lib/format/locale';
import './style.css';
import { reportPresence } from '@/lib/messaging/presence';
import { DatabaseNotice } from '@/components/DatabaseNotice';
import { ErrorBoundary } from '@/components/ErrorBoundary';
import { PageFallback } from '@/components/PageFallback';
import { SavedRepliesContext } from '@/components/SavedReplyPicker';
import { getAllDeskStates, getOpenedStates, getSyncState, listAccounts, listAllConversations, listLabels, listOutbox } from '@/lib/db';
import { onNotice, sendRequest } from '@/lib/messaging/protocol';
import { followClockSetting } from '@/lib/models/environment';
import { createLabelsModel } from '@/lib/models/labels';
import { createPopupModel } from '@/lib/models/popup';
import { t, uiDirection, uiLocale } from '@/lib/i18n';
import { createSavedRepliesModel } from '@/lib/models/saved-replies';
import { openConnections, openInbox, prepareInboxOpening } from '@/lib/platform';
import { browserSyncArea } from '@/lib/saved-replies/store';
import { openRequestItem, popupLastLookItem } from '@/lib/settings';
import { PopupApp } from './App';

// index.html cannot read messages: the title (also the toolbar button's tooltip) and the language come from here.
document.title = t('ext.name');
document.documentElement.lang = uiLocale();
document.documentElement.dir = uiDirection();
prepareInboxOpening();
// Times show in the clock chosen on the options page (12 or 24 hours, or the language's).
followClockSetting();
const model = createPopupModel({
  listAccounts,
  listAllConversations,
  getOpenedStates,
  getSyncState,
  listOutbox,
  getAllDeskStates,
  request: sendRequest,
  onNotice,
  lastLookItem: popupLastLookItem,
  openRequestItem,
  openInbox,
  close: () => window.close(),
});
void model.start();
// While the popup is open the background checks for new messages every ~10 s.
reportPresence();
const savedReplies = createSavedRepliesModel({ area: browserSyncArea() });
// The labels of the conversations listed (chips on the rows).
const labels = createLabelsModel({ listLabels, getAllDeskStates, request: sendRequest, onNotice });
// Dates are written in the page's language: its date names load first (nothing to load in English).
void loadDateLocale().then(() =>
  render(
    <ErrorBoundary
      what="The popup could not be shown"
      fallback={() => <PageFallback page={t('popup.pageName')} onReload={() => location.reload()} />}
    >
      <DatabaseNotice />
      <SavedRepliesContext.Provider value={{ replies: savedReplies.replies, manage: () => void openConnections() }}>
        <PopupApp model={model} labels={labels} />
      </SavedRepliesContext.Provider>
    </ErrorBoundary>,
    document.getElementById('app')!,
  ),
);
