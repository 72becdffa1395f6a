import { t } from '@/lib/i18n';
import type { StoredSignal } from '@/lib/models/stored-signal';
import { SettingError } from './SettingError';

/** Whether the Meta app has Human Agent approval (7-day reply window). */
export function ReplyPolicySection({ setting }: { setting: StoredSignal<boolean> }) {
  if (!setting.loaded.value) return null;
  return (
    <section class="card" aria-labelledby="reply-policy-title">
      <h2 id="reply-policy-title">{t('options.replyWindowTitle')}</h2>
      <p>{t('options.replyWindowText')}</p>
      <label class="checkbox">
        <input type="checkbox" checked={setting.value.value} onChange={(e) => void setting.set(e.currentTarget.checked)} />
        {t('options.humanAgent')}
      </label>
      <SettingError setting={setting} />
    </section>
  );
}
