import { render } from 'preact';
import '@/assets/theme.css';
import { Inbox } from '@/components/Inbox';
import { deleteUploads, getSyncState, listAccounts, listConversations, listMessages, listUploads, putUpload } from '@/lib/db';
import { onNotice, sendRequest } from '@/lib/messaging/protocol';
import { createClockSignal, createHumanAgentSignal, createTimeZoneSignal, createWideSignal } from '@/lib/models/environment';
import { createInboxModel } from '@/lib/models/inbox';
import { openConnections } from '@/lib/platform';

const model = createInboxModel({
  listAccounts,
  listConversations,
  listMessages,
  getSyncState,
  listUploads,
  putUpload,
  deleteUploads,
  request: sendRequest,
  onNotice,
});
const wide = createWideSignal();
const now = createClockSignal();
const timeZone = createTimeZoneSignal();
const humanAgent = createHumanAgentSignal();

render(
  <Inbox
    model={model}
    wide={wide}
    now={now}
    timeZone={timeZone}
    humanAgent={humanAgent}
    onOpenConnections={() => void openConnections()}
  />,
  document.getElementById('app')!,
);
void model.start();
