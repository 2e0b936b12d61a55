import type { ChangeEvent } from 'react';
import { MAX_IDENTITIES, type authPreferenceSchema } from '../../../shared/accounts';
import { portForSecurity, securityForPort, type ConnectionSecurity, type MailProtocol } from '../../../shared/server-security';
import { CheckboxField, Field, NumberField, SelectField } from '../../components/field';
import { Fingerprint } from '../../components/fingerprint';
import { LeaveQuestion } from './leave-question';
import { RichSignatureField } from './rich-signature-field';
import type { FieldErrors, SetupForm } from './setup-form';

const SECURITY_LABELS: Readonly<Record<ConnectionSecurity, string>> = {
  tls: 'SSL/TLS (encrypted from the start)',
  starttls: 'STARTTLS (encrypted after connecting)',
  none: 'None (not encrypted)',
};

/** How the account signs in: a password, or the provider's own page (OAuth 2.0). */
const SIGN_IN_LABELS: Readonly<Record<SetupForm['signInWith'], string>> = {
  '': 'Password',
  google: 'Google (its sign-in page)',
  microsoft: 'Microsoft (its sign-in page)',
};

const AUTH_LABELS: Readonly<Record<(typeof authPreferenceSchema.options)[number], string>> = {
  auto: 'Automatic (the safest the server offers)',
  'SCRAM-SHA-256': 'SCRAM-SHA-256',
  'SCRAM-SHA-1': 'SCRAM-SHA-1',
  PLAIN: 'PLAIN',
  'CRAM-MD5': 'CRAM-MD5',
  APOP: 'APOP',
  LOGIN: 'LOGIN',
  USER: 'USER/PASS',
};

const CREDENTIAL_LABELS: Readonly<Record<SetupForm['outgoing']['credentials'], string>> = {
  same: 'Same user name and password as incoming mail',
  separate: 'A separate user name and password',
  none: 'No sign-in: the outgoing server accepts my mail without one',
};

type Update = (change: (form: SetupForm) => SetupForm) => void;

/** The text of an input event, for setters. */
function text(event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>): string {
  return event.target.value;
}

/** Host, port and security of one server; a well-known port brings its security and back. */
function ServerFields(props: { readonly side: 'incoming' | 'outgoing'; readonly form: SetupForm; readonly errors: FieldErrors; readonly update: Update }) {
  const { side, form, errors, update } = props;
  const protocol: MailProtocol = side === 'incoming' ? 'pop3' : 'smtp';
  const server = form[side];
  const word = side === 'incoming' ? 'Incoming' : 'Outgoing';
  const setServer = (patch: Partial<SetupForm['incoming'] & SetupForm['outgoing']>) =>
    update((current) => ({ ...current, [side]: { ...current[side], ...patch } }));
  return (
    <div className="server-fields">
      <Field label={`${word} server`} error={errors[`${side}.host`]} className="server-host">
        {(control) => (
          <input {...control} type="text" autoComplete="off" spellCheck={false} value={server.host} onChange={(event) => setServer({ host: text(event) })} />
        )}
      </Field>
      <NumberField
        label={`${word} port`}
        error={errors[`${side}.port`]}
        className="server-port"
        min={1}
        max={65535}
        value={server.port}
        onChange={(port) => {
          const number = Number(port);
          setServer({ port, ...(Number.isInteger(number) ? { security: securityForPort(protocol, number, server.security) } : {}) });
        }}
      />
      <SelectField
        label={`${word} security`}
        className="server-security"
        value={server.security}
        choices={SECURITY_LABELS}
        onChange={(security) => {
          const number = Number(server.port);
          setServer({ security, ...(Number.isInteger(number) ? { port: String(portForSecurity(protocol, number, server.security, security)) } : {}) });
        }}
      />
    </div>
  );
}

/** The user name of one server; the incoming one is the one a password manager fills in. */
function UserNameField(props: { readonly side: 'incoming' | 'outgoing'; readonly form: SetupForm; readonly errors: FieldErrors; readonly update: Update }) {
  const { side, form, errors, update } = props;
  return (
    <Field label={`${side === 'incoming' ? 'Incoming' : 'Outgoing'} user name`} error={errors[`${side}.username`]}>
      {(control) => (
        <input
          {...control}
          type="text"
          {...(side === 'incoming' ? { autoComplete: 'username' } : {})}
          spellCheck={false}
          value={form[side].username}
          onChange={(event) => {
            const username = text(event);
            update((current) => ({ ...current, [side]: { ...current[side], username } }));
          }}
        />
      )}
    </Field>
  );
}

/** A password; while editing, an empty one keeps the saved password, and the hint says so. */
function PasswordField(props: {
  readonly label: string;
  readonly error: string | undefined;
  readonly editing: boolean;
  readonly autoComplete: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
}) {
  return (
    <Field label={props.label} error={props.error} {...(props.editing ? { hint: 'Leave empty to keep the saved password.' } : {})}>
      {(control) => (
        <input {...control} type="password" autoComplete={props.autoComplete} value={props.value} onChange={(event) => props.onChange(text(event))} />
      )}
    </Field>
  );
}

/** Every setting of an account, for "Set up manually" and for editing. */
export function ManualSettings(props: { readonly form: SetupForm; readonly errors: FieldErrors; readonly update: Update; readonly editing: boolean }) {
  const { form, errors, update } = props;
  const set = (patch: Partial<SetupForm>) => update((current) => ({ ...current, ...patch }));
  const insecure = form.incoming.security === 'none' || form.outgoing.security === 'none';
  const readPem = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (file === undefined) return;
    void file.text().then((caPem) => set({ caPem }));
  };
  return (
    <div className="manual-settings">
      <fieldset className="setup-group">
        <legend>You</legend>
        <div className="field-row">
          <Field label="Your name" error={errors.displayName}>
            {(control) => (
              <input {...control} type="text" autoComplete="name" value={form.displayName} onChange={(event) => set({ displayName: text(event) })} />
            )}
          </Field>
          <Field label="E-mail address" error={errors.address}>
            {(control) => <input {...control} type="email" autoComplete="email" value={form.address} onChange={(event) => set({ address: text(event) })} />}
          </Field>
        </div>
        <div className="field-row">
          <SelectField label="Sign in with" value={form.signInWith} choices={SIGN_IN_LABELS} onChange={(signInWith) => set({ signInWith })} />
          {form.signInWith === '' && (
            <PasswordField
              label="Password"
              error={errors.password}
              editing={props.editing}
              autoComplete="current-password"
              value={form.password}
              onChange={(password) => set({ password })}
            />
          )}
          <Field label="Account name" error={errors.accountName} hint="How the account is called in Mailbag.">
            {(control) => <input {...control} type="text" value={form.accountName} onChange={(event) => set({ accountName: text(event) })} />}
          </Field>
        </div>
      </fieldset>

      <fieldset className="setup-group">
        <legend>Incoming mail (POP3)</legend>
        <ServerFields side="incoming" form={form} errors={errors} update={update} />
        <div className="field-row">
          <UserNameField side="incoming" form={form} errors={errors} update={update} />
          <SelectField
            label="Sign-in method"
            value={form.incoming.auth}
            choices={AUTH_LABELS}
            onChange={(auth) => update((current) => ({ ...current, incoming: { ...current.incoming, auth } }))}
          />
        </div>
      </fieldset>

      <fieldset className="setup-group">
        <legend>Outgoing mail (SMTP)</legend>
        <ServerFields side="outgoing" form={form} errors={errors} update={update} />
        <SelectField
          label="Outgoing sign-in"
          value={form.outgoing.credentials}
          choices={CREDENTIAL_LABELS}
          onChange={(credentials) => update((current) => ({ ...current, outgoing: { ...current.outgoing, credentials } }))}
        />
        {form.outgoing.credentials === 'separate' && (
          <div className="field-row">
            <UserNameField side="outgoing" form={form} errors={errors} update={update} />
            <PasswordField
              label="Outgoing password"
              error={errors.smtpPassword}
              editing={props.editing}
              autoComplete="off"
              value={form.smtpPassword}
              onChange={(smtpPassword) => set({ smtpPassword })}
            />
          </div>
        )}
      </fieldset>

      {insecure && (
        <div className="insecure-warning" role="alert">
          <p>
            A server is set to <strong>no encryption</strong>: your password and your mail travel readable by anyone on the network path.
          </p>
          <CheckboxField
            label="Send my password unencrypted — I understand the risk"
            checked={form.allowInsecure}
            onChange={(allowInsecure) => set({ allowInsecure })}
            error={errors.allowInsecure}
          />
        </div>
      )}

      <fieldset className="setup-group">
        <legend>Security</legend>
        <Field
          label="Password command"
          error={errors.passwordCommand}
          hint="Optional: a program that prints the password on its first line, such as pass show mail/alice. It is asked each time instead of the saved password and runs without a shell."
        >
          {(control) => (
            <input
              {...control}
              type="text"
              autoComplete="off"
              spellCheck={false}
              value={form.passwordCommand}
              onChange={(event) => set({ passwordCommand: text(event) })}
            />
          )}
        </Field>
        <Field
          label="Extra CA certificate"
          error={errors.caPem}
          hint="Optional: for a server with its own certificate authority, paste its CA certificate (PEM) or choose the file."
        >
          {(control) => (
            <textarea
              {...control}
              rows={4}
              spellCheck={false}
              placeholder="-----BEGIN CERTIFICATE-----"
              value={form.caPem}
              onChange={(event) => set({ caPem: text(event) })}
            />
          )}
        </Field>
        <label className="file-button">
          <span>Choose a .pem file</span>
          <input type="file" accept=".pem,.crt,.cer,application/x-pem-file" onChange={readPem} />
        </label>
        {(form.pins.incoming !== undefined || form.pins.outgoing !== undefined) && (
          <div className="pins">
            <p>Certificates you chose to trust:</p>
            <ul>
              {(['incoming', 'outgoing'] as const).map((side) => {
                const pin = form.pins[side];
                if (pin === undefined) return null;
                return (
                  <li key={side}>
                    {pin.host}:{pin.port} — <Fingerprint value={pin.fingerprint256} />{' '}
                    <button
                      type="button"
                      onClick={() =>
                        update((current) => {
                          const pins = { ...current.pins };
                          delete pins[side];
                          return { ...current, pins };
                        })
                      }
                    >
                      Stop trusting {pin.host}:{pin.port}
                    </button>
                  </li>
                );
              })}
            </ul>
          </div>
        )}
      </fieldset>

      <LeaveQuestion form={form} errors={errors} update={update} allChoices />

      <fieldset className="setup-group">
        <legend>Send/Receive</legend>
        <CheckboxField label="Download only the headers of new messages" checked={form.headersOnly} onChange={(headersOnly) => set({ headersOnly })} />
        <div className="field-row">
          <NumberField
            label="Size limit (KB)"
            error={errors.sizeLimitKb}
            hint="Larger messages arrive as headers only. Empty: no limit."
            min={1}
            value={form.sizeLimitKb}
            onChange={(sizeLimitKb) => set({ sizeLimitKb })}
          />
          <NumberField
            label="Check every (minutes)"
            error={errors.checkEveryMinutes}
            hint="Empty: as set in Settings."
            min={1}
            max={1440}
            value={form.checkEveryMinutes}
            onChange={(checkEveryMinutes) => set({ checkEveryMinutes })}
          />
        </div>
        <CheckboxField label="Check this account when Mailbag starts" checked={form.checkAtStartup} onChange={(checkAtStartup) => set({ checkAtStartup })} />
        <CheckboxField label="Include in Send/Receive" checked={form.includeInSendReceive} onChange={(includeInSendReceive) => set({ includeInSendReceive })} />
      </fieldset>

      <fieldset className="setup-group">
        <legend>Signature</legend>
        <p className="muted">Added to new messages, replies and forwards sent from {form.address === '' ? 'this account' : form.address}.</p>
        <Field label="Signature" error={errors.signature}>
          {(control) => <textarea {...control} rows={3} value={form.signature} onChange={(event) => set({ signature: text(event) })} />}
        </Field>
        <RichSignatureField
          label="Rich signature"
          error={errors.signatureHtml}
          html={form.signatureHtml}
          onChange={(signatureHtml) => set({ signatureHtml })}
        />
      </fieldset>

      <fieldset className="setup-group">
        <legend>Identities (other From addresses)</legend>
        {form.identities.length === 0 && (
          <p className="muted">
            Mail is sent as {form.displayName === '' ? 'you' : form.displayName} &lt;{form.address}&gt;. Add an identity to send from another address of this
            account.
          </p>
        )}
        {form.identities.map((identity, index) => {
          const setIdentity = (patch: Partial<typeof identity>) =>
            update((current) => ({ ...current, identities: current.identities.map((item, position) => (position === index ? { ...item, ...patch } : item)) }));
          const number = index + 1;
          return (
            <div key={index} className="identity">
              <div className="field-row">
                <Field label={`Name of identity ${number}`} error={errors[`identities.${index}.name`]}>
                  {(control) => <input {...control} type="text" value={identity.name} onChange={(event) => setIdentity({ name: text(event) })} />}
                </Field>
                <Field label={`Address of identity ${number}`} error={errors[`identities.${index}.address`]}>
                  {(control) => <input {...control} type="email" value={identity.address} onChange={(event) => setIdentity({ address: text(event) })} />}
                </Field>
              </div>
              <Field label={`Signature of identity ${number}`} error={errors[`identities.${index}.signature`]}>
                {(control) => <textarea {...control} rows={3} value={identity.signature} onChange={(event) => setIdentity({ signature: text(event) })} />}
              </Field>
              <RichSignatureField
                label={`Rich signature of identity ${number}`}
                error={errors[`identities.${index}.signatureHtml`]}
                html={identity.signatureHtml}
                onChange={(signatureHtml) => setIdentity({ signatureHtml })}
              />
              <button
                type="button"
                onClick={() => update((current) => ({ ...current, identities: current.identities.filter((_, position) => position !== index) }))}
              >
                Remove identity {number}
              </button>
            </div>
          );
        })}
        {form.identities.length < MAX_IDENTITIES && (
          <button
            type="button"
            onClick={() =>
              update((current) => ({
                ...current,
                identities: [...current.identities, { name: current.displayName, address: '', signature: '', signatureHtml: '' }],
              }))
            }
          >
            Add identity
          </button>
        )}
      </fieldset>
    </div>
  );
}
