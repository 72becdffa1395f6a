import { render } from 'preact';
import '@/assets/theme.css';
import { Inbox } from '@/components/Inbox';
import { getSyncState, listAccounts, listConversations, listMessages } from '@/lib/db';
import { onNotice, sendRequest } from '@/lib/messaging/protocol';
import { createClockSignal, createTimeZoneSignal, createWideSignal } from '@/lib/models/environment';
import { createInboxModel } from '@/lib/models/inbox';
import { openConnections } from '@/lib/platform';

const model = createInboxModel({
  listAccounts,
  listConversations,
  listMessages,
  getSyncState,
  request: sendRequest,
  onNotice,
});
const wide = createWideSignal();
const now = createClockSignal();
const timeZone = createTimeZoneSignal();

render(
  <Inbox model={model} wide={wide} now={now} timeZone={timeZone} onOpenConnections={() => void openConnections()} />,
  document.getElementById('app')!,
);
void model.start();
