import { Dialog } from '../../components/dialog';
import { Fingerprint } from '../../components/fingerprint';
import { certificateFactValue } from '../../state/certificate-words';
import { serverLabel, type CertificateProblem } from './certificates';

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
  const { problem } = props;
  const servers = props.servers === undefined || props.servers.length === 0 ? [problem] : props.servers;
  const label = servers.map(serverLabel).join(' and ');
  const kind = servers.length > 1 ? 'incoming (POP3) and outgoing (SMTP)' : problem.side === 'incoming' ? 'incoming (POP3)' : 'outgoing (SMTP)';
  return (
    <Dialog title="Untrusted certificate" onClose={props.onCancel} className="certificate-prompt">
      <p>
        The {kind} {servers.length > 1 ? 'servers' : 'server'} <strong>{label}</strong> presented a certificate that Mailbag cannot verify: {problem.summary}
      </p>
      <dl className="certificate-facts">
        {problem.facts
          .filter((fact) => fact.name !== 'SHA-256 fingerprint')
          .map((fact) => (
            <div key={fact.name}>
              <dt>{fact.name}</dt>
              <dd>{certificateFactValue(fact.name, fact.value)}</dd>
            </div>
          ))}
        <div>
          <dt>SHA-256 fingerprint</dt>
          <dd>
            <Fingerprint value={problem.fingerprint256} />
          </dd>
        </div>
      </dl>
      <p>
        Trust it only if this is your own server or you have checked the fingerprint with your provider or administrator. Mailbag will then accept this one
        certificate for {label} only; if the server later presents another one, Mailbag stops again.
      </p>
      <div className="dialog-actions">
        <button type="button" onClick={props.onCancel}>
          Cancel
        </button>
        <button type="button" className="primary" onClick={props.onTrust}>
          Trust this certificate for {label}
        </button>
      </div>
    </Dialog>
  );
}
