import { Dialog } from '../../components/dialog';
import { Fingerprint } from '../../components/fingerprint';
import { doctorFactName } from '../../../shared/doctor';
import { certificateFactValue } from '../../state/certificate-words';
import { Message, useFormattingLocale, useT } from '../../state/locale';
import { serverLabel, type CertificateProblem } from './certificates';

/** The fact main names this way is shown last, as a fingerprint (the key of main's report, not words shown). */
const FINGERPRINT_FACT = 'SHA-256 fingerprint';

/** Servers as one list in the window's language ("127.0.0.1:995 and 127.0.0.1:587"). */
export function serverList(locale: string, servers: readonly Pick<CertificateProblem, 'host' | 'port'>[]): string {
  return new Intl.ListFormat(locale, { type: 'conjunction' }).format(servers.map(serverLabel));
}

/**
 * Asks whether to trust a certificate Mailbag could not verify: which server, why, its details and
 * fingerprint. Trusting pins exactly this certificate to this host and port; nothing else changes.
 */
export function CertificatePrompt(props: {
  readonly problem: CertificateProblem;
  /** Every server of the report that presented this same certificate (one question for all of them). */
  readonly servers?: readonly CertificateProblem[];
  readonly onTrust: () => void;
  readonly onCancel: () => void;
}) {
  const t = useT();
  const locale = useFormattingLocale();
  const { problem } = props;
  const servers = props.servers === undefined || props.servers.length === 0 ? [problem] : props.servers;
  const label = serverList(locale, servers);
  const kind = servers.length > 1 ? 'both' : problem.side;
  return (
    <Dialog title={t('setup.certTitle')} onClose={props.onCancel} className="certificate-prompt">
      <p>
        <Message
          id="setup.certIntro"
          values={{
            kind,
            servers: <bdi dir="ltr">{label}</bdi>,
            strong: (chunks) => <strong>{chunks}</strong>,
            reason: <bdi className="server-words">{problem.summary}</bdi>,
          }}
        />
      </p>
      <dl className="certificate-facts">
        {problem.facts
          .filter((fact) => fact.name !== FINGERPRINT_FACT)
          .map((fact) => (
            <div key={fact.name}>
              <dt>{doctorFactName(t, fact.name)}</dt>
              <dd>
                <bdi>{certificateFactValue(fact.name, fact.value, locale)}</bdi>
              </dd>
            </div>
          ))}
        <div>
          <dt>{doctorFactName(t, FINGERPRINT_FACT)}</dt>
          <dd>
            <Fingerprint value={problem.fingerprint256} />
          </dd>
        </div>
      </dl>
      <p>
        <Message id="setup.certAdvice" values={{ servers: <bdi dir="ltr">{label}</bdi> }} />
      </p>
      <div className="dialog-actions">
        <button type="button" onClick={props.onCancel}>
          {t('common.cancel')}
        </button>
        <button type="button" className="primary" onClick={props.onTrust}>
          {t('setup.certTrust', { servers: label })}
        </button>
      </div>
    </Dialog>
  );
}
