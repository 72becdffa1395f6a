import type { StoredSignal } from '@/lib/models/stored-signal';
import { SettingError } from './SettingError';

/** Whether the Meta app has Human Agent approval (7-day reply window). */
export function ReplyPolicySection({ setting }: { setting: StoredSignal<boolean> }) {
  if (!setting.loaded.value) return null;
  return (
    <section class="card" aria-labelledby="reply-policy-title">
      <h2 id="reply-policy-title">Reply window</h2>
      <p>
        Instagram lets a business reply within 24 hours of the customer’s last message. Apps approved for the Human Agent feature in Meta’s
        App Review may reply for 7 days; DM Desk then tags those replies as sent by a person.
      </p>
      <label class="checkbox">
        <input type="checkbox" checked={setting.value.value} onChange={(e) => void setting.set(e.currentTarget.checked)} />
        My Meta app has Human Agent approval
      </label>
      <SettingError setting={setting} />
    </section>
  );
}
