import { render } from 'preact';
import '@/assets/styles/tokens.css';
import '@/assets/styles/base.css';
import '@/assets/styles/pills.css';
import '@/assets/styles/rows.css';
import '@/assets/styles/popup.css';
import { DatabaseNotice } from '@/components/DatabaseNotice';
import { ErrorBoundary } from '@/components/ErrorBoundary';
import { PageFallback } from '@/components/PageFallback';
import { getOpenedStates, getSyncState, listAccounts, listAllConversations, listOutbox } from '@/lib/db';
import { onNotice, sendRequest } from '@/lib/messaging/protocol';
import { createPopupModel } from '@/lib/models/popup';
import { openInbox, prepareInboxOpening } from '@/lib/platform';
import { openRequestItem, popupLastLookItem } from '@/lib/settings';
import { PopupApp } from './App';

prepareInboxOpening();
const model = createPopupModel({
  listAccounts,
  listAllConversations,
  getOpenedStates,
  getSyncState,
  listOutbox,
  request: sendRequest,
  onNotice,
  lastLookItem: popupLastLookItem,
  openRequestItem,
  openInbox,
  close: () => window.close(),
});
void model.start();
render(
  <ErrorBoundary what="The popup could not be shown" fallback={() => <PageFallback page="the popup" onReload={() => location.reload()} />}>
    <DatabaseNotice />
    <PopupApp model={model} />
  </ErrorBoundary>,
  document.getElementById('app')!,
);
