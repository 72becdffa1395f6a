import { render } from 'preact';
import './style.css';
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
