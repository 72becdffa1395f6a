import { ArchiveSection } from '@/components/ArchiveSection';
import { ConnectionsSection } from '@/components/ConnectionsSection';
import { DiagnosticsSection } from '@/components/DiagnosticsSection';
import { LabelsSection } from '@/components/LabelsSection';
import { MetaAppSection } from '@/components/MetaAppSection';
import { NotificationsSection } from '@/components/NotificationsSection';
import { ReplyPolicySection } from '@/components/ReplyPolicySection';
import { SavedRepliesSection } from '@/components/SavedRepliesSection';
import { TimeZoneSection } from '@/components/TimeZoneSection';
import { t } from '@/lib/i18n';
import type { LabelsModel } from '@/lib/models/labels';
import type { OptionsModel } from '@/lib/models/options';
import type { SavedRepliesModel } from '@/lib/models/saved-replies';

/** The settings page: each section renders its part of the options model. */
export function OptionsApp({
  model,
  redirectUrl,
  savedReplies,
  labels,
}: {
  model: OptionsModel;
  redirectUrl: string;
  savedReplies?: SavedRepliesModel;
  labels?: LabelsModel;
}) {
  const { settings } = model;
  return (
    <main class="options-main">
      <h1>{t('options.pageTitle')}</h1>
      <ConnectionsSection model={model.connections} />
      <MetaAppSection redirectUrl={redirectUrl} model={model.meta} />
      <NotificationsSection
        accounts={model.connections.accounts}
        preset={settings.syncPreset}
        workingHours={settings.workingHours}
        notificationsOff={settings.notificationsOff}
        setNotifications={model.setNotifications}
      />
      {savedReplies ? <SavedRepliesSection model={savedReplies} /> : null}
      {labels ? <LabelsSection model={labels} /> : null}
      <ArchiveSection accounts={model.connections.accounts} model={model.archive} />
      <ReplyPolicySection setting={settings.humanAgent} />
      <TimeZoneSection setting={settings.timeZone} clock={settings.clock} />
      <DiagnosticsSection model={model.diagnostics} />
    </main>
  );
}
