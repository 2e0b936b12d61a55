import type { ChangeEvent } from 'react';
import { MAX_IDENTITIES, type AuthPreference } from '../../../shared/accounts';
import type { Translate } from '../../../shared/i18n/catalogs';
import type { MessageId } from '../../../shared/i18n/messages-en';
import { portForSecurity, securityForPort, type ConnectionSecurity, type MailProtocol } from '../../../shared/server-security';
import { CheckboxField, Field, NumberField, SelectField } from '../../components/field';
import { Fingerprint } from '../../components/fingerprint';
import { SYMBOLS } from '../../components/symbols';
import { Message, useT } from '../../state/locale';
import { serverLabel } from './certificates';
import { LeaveQuestion } from './leave-question';
import { RichSignatureField } from './rich-signature-field';
import type { FieldErrors, SetupForm } from './setup-form';

const SECURITY_LABELS: Readonly<Record<ConnectionSecurity, MessageId>> = {
  tls: 'setup.securityChoice.tls',
  starttls: 'setup.securityChoice.starttls',
  none: 'setup.securityChoice.none',
};

/** How the account signs in: a password, or the provider's own page (OAuth 2.0). */
const SIGN_IN_LABELS: Readonly<Record<SetupForm['signInWith'], MessageId>> = {
  '': 'password.label',
  google: 'setup.signIn.google',
  microsoft: 'setup.signIn.microsoft',
};

/** The sign-in mechanisms by their protocol names (the same in every language), automatic first. */
const MECHANISM_NAMES: Readonly<Record<Exclude<AuthPreference, 'auto'>, string>> = {
  'SCRAM-SHA-256': 'SCRAM-SHA-256',
  'SCRAM-SHA-1': 'SCRAM-SHA-1',
  PLAIN: 'PLAIN',
  'CRAM-MD5': 'CRAM-MD5',
  APOP: 'APOP',
  LOGIN: 'LOGIN',
  USER: 'USER/PASS',
};

const CREDENTIAL_LABELS: Readonly<Record<SetupForm['outgoing']['credentials'], MessageId>> = {
  same: 'setup.credentials.same',
  separate: 'setup.credentials.separate',
  none: 'setup.credentials.none',
};

/** A table of choices named by messages, in the language of `t`. */
function choiceWords<Value extends string>(t: Translate, ids: Readonly<Record<Value, MessageId>>): Record<Value, string> {
  return Object.fromEntries(Object.entries<MessageId>(ids).map(([value, id]) => [value, t(id)])) as Record<Value, string>;
}

/** Where a server's fields are: host and port are typed left to right in every language. */
const SERVER_FIELD_WORDS = {
  incoming: { host: 'setup.incomingServer', port: 'setup.incomingPort', security: 'setup.incomingSecurity', user: 'setup.incomingUser' },
  outgoing: { host: 'setup.outgoingServer', port: 'setup.outgoingPort', security: 'setup.outgoingSecurity', user: 'setup.outgoingUser' },
} as const satisfies Readonly<Record<'incoming' | 'outgoing', Readonly<Record<string, MessageId>>>>;

/** An example password command (a program's command line, the same in every language). */
const PASSWORD_COMMAND_EXAMPLE = 'pass show mail/alice';
/** The first line of a PEM certificate, shown in the empty box. */
const PEM_PLACEHOLDER = '-----BEGIN CERTIFICATE-----';

type Update = (change: (form: SetupForm) => SetupForm) => void;

/** The text of an input event, for setters. */
function text(event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>): string {
  return event.target.value;
}

/** Host, port and security of one server; a well-known port brings its security and back. */
function ServerFields(props: { readonly side: 'incoming' | 'outgoing'; readonly form: SetupForm; readonly errors: FieldErrors; readonly update: Update }) {
  const t = useT();
  const { side, form, errors, update } = props;
  const protocol: MailProtocol = side === 'incoming' ? 'pop3' : 'smtp';
  const server = form[side];
  const words = SERVER_FIELD_WORDS[side];
  const setServer = (patch: Partial<SetupForm['incoming'] & SetupForm['outgoing']>) =>
    update((current) => ({ ...current, [side]: { ...current[side], ...patch } }));
  return (
    <div className="server-fields">
      <Field label={t(words.host)} error={errors[`${side}.host`]} className="server-host">
        {(control) => (
          <input
            {...control}
            type="text"
            dir="ltr"
            autoComplete="off"
            spellCheck={false}
            value={server.host}
            onChange={(event) => setServer({ host: text(event) })}
          />
        )}
      </Field>
      <NumberField
        label={t(words.port)}
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
        label={t(words.security)}
        className="server-security"
        value={server.security}
        choices={choiceWords(t, SECURITY_LABELS)}
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
  const t = useT();
  const { side, form, errors, update } = props;
  return (
    <Field label={t(SERVER_FIELD_WORDS[side].user)} error={errors[`${side}.username`]}>
      {(control) => (
        <input
          {...control}
          type="text"
          dir="ltr"
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
  const t = useT();
  return (
    <Field label={props.label} error={props.error} {...(props.editing ? { hint: t('setup.keepPassword') } : {})}>
      {(control) => (
        <input {...control} type="password" autoComplete={props.autoComplete} value={props.value} onChange={(event) => props.onChange(text(event))} />
      )}
    </Field>
  );
}

/** Every setting of an account, for "Set up manually" and for editing. */
export function ManualSettings(props: { readonly form: SetupForm; readonly errors: FieldErrors; readonly update: Update; readonly editing: boolean }) {
  const t = useT();
  const { form, errors, update } = props;
  const set = (patch: Partial<SetupForm>) => update((current) => ({ ...current, ...patch }));
  const authChoices: Record<AuthPreference, string> = { auto: t('setup.auth.auto'), ...MECHANISM_NAMES };
  const sender =
    form.displayName.trim() === '' ? form.address : [form.displayName, SYMBOLS.space, SYMBOLS.addressOpen, form.address, SYMBOLS.addressClose].join('');
  const insecure = form.incoming.security === 'none' || form.outgoing.security === 'none';
  const readPem = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (file === undefined) return;
    void file.text().then((caPem) => set({ caPem }));
  };
  return (
    <div className="manual-settings">
      <fieldset className="setup-group">
        <legend>{t('setup.you')}</legend>
        <div className="field-row">
          <Field label={t('setup.yourName')} error={errors.displayName}>
            {(control) => (
              <input {...control} type="text" autoComplete="name" value={form.displayName} onChange={(event) => set({ displayName: text(event) })} />
            )}
          </Field>
          <Field label={t('setup.address')} error={errors.address}>
            {(control) => (
              <input {...control} type="email" dir="ltr" autoComplete="email" value={form.address} onChange={(event) => set({ address: text(event) })} />
            )}
          </Field>
        </div>
        <div className="field-row">
          <SelectField
            label={t('setup.signInWith')}
            value={form.signInWith}
            choices={choiceWords(t, SIGN_IN_LABELS)}
            onChange={(signInWith) => set({ signInWith })}
          />
          {form.signInWith === '' && (
            <PasswordField
              label={t('password.label')}
              error={errors.password}
              editing={props.editing}
              autoComplete="current-password"
              value={form.password}
              onChange={(password) => set({ password })}
            />
          )}
          <Field label={t('setup.accountName')} error={errors.accountName} hint={t('setup.accountNameHint')}>
            {(control) => <input {...control} type="text" value={form.accountName} onChange={(event) => set({ accountName: text(event) })} />}
          </Field>
        </div>
      </fieldset>

      <fieldset className="setup-group">
        <legend>{t('setup.incomingMail')}</legend>
        <ServerFields side="incoming" form={form} errors={errors} update={update} />
        <div className="field-row">
          <UserNameField side="incoming" form={form} errors={errors} update={update} />
          <SelectField
            label={t('setup.signInMethod')}
            value={form.incoming.auth}
            choices={authChoices}
            onChange={(auth) => update((current) => ({ ...current, incoming: { ...current.incoming, auth } }))}
          />
        </div>
      </fieldset>

      <fieldset className="setup-group">
        <legend>{t('setup.outgoingMail')}</legend>
        <ServerFields side="outgoing" form={form} errors={errors} update={update} />
        <SelectField
          label={t('setup.outgoingSignIn')}
          value={form.outgoing.credentials}
          choices={choiceWords(t, CREDENTIAL_LABELS)}
          onChange={(credentials) => update((current) => ({ ...current, outgoing: { ...current.outgoing, credentials } }))}
        />
        {form.outgoing.credentials === 'separate' && (
          <div className="field-row">
            <UserNameField side="outgoing" form={form} errors={errors} update={update} />
            <PasswordField
              label={t('setup.outgoingPassword')}
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
            <Message id="setup.insecure" values={{ strong: (chunks) => <strong>{chunks}</strong> }} />
          </p>
          <CheckboxField
            label={t('setup.allowInsecure')}
            checked={form.allowInsecure}
            onChange={(allowInsecure) => set({ allowInsecure })}
            error={errors.allowInsecure}
          />
        </div>
      )}

      <fieldset className="setup-group">
        <legend>{t('setup.security')}</legend>
        <Field label={t('setup.passwordCommand')} error={errors.passwordCommand} hint={t('setup.passwordCommandHint', { example: PASSWORD_COMMAND_EXAMPLE })}>
          {(control) => (
            <input
              {...control}
              type="text"
              dir="ltr"
              autoComplete="off"
              spellCheck={false}
              value={form.passwordCommand}
              onChange={(event) => set({ passwordCommand: text(event) })}
            />
          )}
        </Field>
        <Field label={t('setup.extraCa')} error={errors.caPem} hint={t('setup.extraCaHint')}>
          {(control) => (
            <textarea
              {...control}
              rows={4}
              dir="ltr"
              spellCheck={false}
              placeholder={PEM_PLACEHOLDER}
              value={form.caPem}
              onChange={(event) => set({ caPem: text(event) })}
            />
          )}
        </Field>
        <label className="file-button">
          <span>{t('setup.choosePem')}</span>
          <input type="file" accept=".pem,.crt,.cer,application/x-pem-file" onChange={readPem} />
        </label>
        {(form.pins.incoming !== undefined || form.pins.outgoing !== undefined) && (
          <div className="pins">
            <p>{t('setup.trustedCertificates')}</p>
            <ul>
              {(['incoming', 'outgoing'] as const).map((side) => {
                const pin = form.pins[side];
                if (pin === undefined) return null;
                return (
                  <li key={side}>
                    <bdi dir="ltr">{serverLabel(pin)}</bdi>
                    {SYMBOLS.lineSeparator}
                    <Fingerprint value={pin.fingerprint256} />
                    {SYMBOLS.space}
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
                      {t('setup.stopTrusting', { server: serverLabel(pin) })}
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
        <legend>{t('toolbar.sendReceive')}</legend>
        <CheckboxField label={t('setup.headersOnly')} checked={form.headersOnly} onChange={(headersOnly) => set({ headersOnly })} />
        <div className="field-row">
          <NumberField
            label={t('setup.sizeLimit')}
            error={errors.sizeLimitKb}
            hint={t('setup.sizeLimitHint')}
            min={1}
            value={form.sizeLimitKb}
            onChange={(sizeLimitKb) => set({ sizeLimitKb })}
          />
          <NumberField
            label={t('setup.checkEvery')}
            error={errors.checkEveryMinutes}
            hint={t('setup.checkEveryHint')}
            min={1}
            max={1440}
            value={form.checkEveryMinutes}
            onChange={(checkEveryMinutes) => set({ checkEveryMinutes })}
          />
        </div>
        <CheckboxField label={t('setup.checkAtStartup')} checked={form.checkAtStartup} onChange={(checkAtStartup) => set({ checkAtStartup })} />
        <CheckboxField
          label={t('setup.includeInSendReceive')}
          checked={form.includeInSendReceive}
          onChange={(includeInSendReceive) => set({ includeInSendReceive })}
        />
      </fieldset>

      <fieldset className="setup-group">
        <legend>{t('setup.signatureGroup')}</legend>
        <p className="muted">
          {form.address === '' ? (
            t('setup.signatureForAccount')
          ) : (
            <Message id="setup.signatureForAddress" values={{ address: <bdi dir="ltr">{form.address}</bdi> }} />
          )}
        </p>
        <Field label={t('setup.signature')} error={errors.signature}>
          {(control) => <textarea {...control} rows={3} value={form.signature} onChange={(event) => set({ signature: text(event) })} />}
        </Field>
        <RichSignatureField
          label={t('setup.richSignature')}
          error={errors.signatureHtml}
          html={form.signatureHtml}
          onChange={(signatureHtml) => set({ signatureHtml })}
        />
      </fieldset>

      <fieldset className="setup-group">
        <legend>{t('setup.identities')}</legend>
        {form.identities.length === 0 && (
          <p className="muted">
            <Message id="setup.sentAs" values={{ sender: <bdi>{sender}</bdi> }} />
          </p>
        )}
        {form.identities.map((identity, index) => {
          const setIdentity = (patch: Partial<typeof identity>) =>
            update((current) => ({ ...current, identities: current.identities.map((item, position) => (position === index ? { ...item, ...patch } : item)) }));
          const number = index + 1;
          return (
            <div key={index} className="identity">
              <div className="field-row">
                <Field label={t('setup.identityName', { number })} error={errors[`identities.${index}.name`]}>
                  {(control) => <input {...control} type="text" value={identity.name} onChange={(event) => setIdentity({ name: text(event) })} />}
                </Field>
                <Field label={t('setup.identityAddress', { number })} error={errors[`identities.${index}.address`]}>
                  {(control) => (
                    <input {...control} type="email" dir="ltr" value={identity.address} onChange={(event) => setIdentity({ address: text(event) })} />
                  )}
                </Field>
              </div>
              <Field label={t('setup.identitySignature', { number })} error={errors[`identities.${index}.signature`]}>
                {(control) => <textarea {...control} rows={3} value={identity.signature} onChange={(event) => setIdentity({ signature: text(event) })} />}
              </Field>
              <RichSignatureField
                label={t('setup.identityRichSignature', { number })}
                error={errors[`identities.${index}.signatureHtml`]}
                html={identity.signatureHtml}
                onChange={(signatureHtml) => setIdentity({ signatureHtml })}
              />
              <button
                type="button"
                onClick={() => update((current) => ({ ...current, identities: current.identities.filter((_, position) => position !== index) }))}
              >
                {t('setup.removeIdentity', { number })}
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
            {t('setup.addIdentity')}
          </button>
        )}
      </fieldset>
    </div>
  );
}
