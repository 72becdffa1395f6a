import { render } from 'preact';
import { loadDateLocale } from '@/lib/format/locale';
import './style.css';
import { DatabaseNotice } from '@/components/DatabaseNotice';
import { ErrorBoundary } from '@/components/ErrorBoundary';
import { PageFallback } from '@/components/PageFallback';
import { archiveSizes, downloadBlob } from '@/lib/archive/export';
import { exportArchiveCsv, exportArchiveJson } from '@/lib/archive/export-stream';
import { importRepliesFromFile } from '@/lib/archive/replies-import';
import { getAllDeskStates, listAccounts, listLabels } from '@/lib/db';
import { clearDiagnostics, readDiagnostics, watchDiagnostics } from '@/lib/diagnostics';
import { onNotice, sendRequest } from '@/lib/messaging/protocol';
import { forgetAccount } from '@/lib/models/first-paint';
import { createLabelsModel } from '@/lib/models/labels';
import { followClockSetting } from '@/lib/models/environment';
import { createOptionsModel } from '@/lib/models/options';
import { createSavedRepliesModel } from '@/lib/models/saved-replies';
import { t, uiDirection, uiLocale } from '@/lib/i18n';
import { authRedirectUrl } from '@/lib/platform';
import { browserSyncArea } from '@/lib/saved-replies/store';
import {
  clockSetting,
  humanAgentSetting,
  metaOverrides,
  notificationsOffSetting,
  syncPresetSetting,
  timeZoneSetting,
  workingHoursSetting,
} from '@/lib/settings';
import { OptionsApp } from './App';

// index.html cannot read messages: the page's title and language come from here.
document.title = t('options.pageTitle');
document.documentElement.lang = uiLocale();
document.documentElement.dir = uiDirection();

const model = createOptionsModel({
  listAccounts,
  request: sendRequest,
  onNotice,
  settings: {
    timeZone: timeZoneSetting,
    clock: clockSetting,
    humanAgent: humanAgentSetting,
    syncPreset: syncPresetSetting,
    workingHours: workingHoursSetting,
    notificationsOff: notificationsOffSetting,
    meta: metaOverrides,
  },
  forgetFirstPaint: (accountId) => forgetAccount(globalThis.localStorage, accountId, Date.now()),
  archiveSizes,
  exportArchive: (scope, kind) => (kind === 'json' ? exportArchiveJson(scope) : exportArchiveCsv(scope)),
  download: downloadBlob,
  importReplies: (text) => importRepliesFromFile(text, browserSyncArea()),
  persistStorage: () => navigator.storage?.persist?.() ?? Promise.resolve(false),
  readDiagnostics,
  watchDiagnostics,
  clearDiagnostics,
  copyText: (text) => navigator.clipboard.writeText(text),
});
void model.start();
// Times on this page (the diagnostics log) follow the clock chosen here.
followClockSetting(model.settings.clock);
const savedReplies = createSavedRepliesModel({ area: browserSyncArea() });
const labels = createLabelsModel({ listLabels, getAllDeskStates, request: sendRequest, onNotice });

// Dates are written in the page's language: its date names load first (nothing to load in English).
void loadDateLocale().then(() =>
  render(
    <ErrorBoundary
      what="The settings page could not be shown"
      fallback={() => <PageFallback page={t('options.pageName')} onReload={() => location.reload()} />}
    >
      <DatabaseNotice />
      <OptionsApp model={model} redirectUrl={authRedirectUrl()} savedReplies={savedReplies} labels={labels} />
    </ErrorBoundary>,
    document.getElementById('app')!,
  ),
);
