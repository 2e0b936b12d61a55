/**
 * The contract's account operations, wired to the account service, setup discovery and the doctor.
 * Progress of discovery and of the doctor goes out as events carrying the request's `runId`.
 */
import { wordedError } from '../../shared/error-words';
import type { AccountSettings } from '../../shared/accounts';
import type { DiscoveryOutcome } from '../../shared/discovery';
import type { OperationInput } from '../../shared/ipc/contract';
import type { Handlers } from '../ipc/registry';
import type { AccountService } from '../services/accounts';
import { discoverSettings, type DiscoveryNetwork } from '../services/discovery/discover';
import { createSystemDiscoveryNetwork } from '../services/discovery/system-network';
import { createTranslator } from '../../shared/i18n/catalogs';
import { runDoctor, type HostLookup } from '../services/doctor';
import type { EventHub } from '../services/events';

/** The account operations of the contract. */
export type AccountHandlers = Pick<Handlers, 'listAccounts' | 'getAccount' | 'discoverSettings' | 'saveAccount' | 'removeAccount' | 'testAccount'>;

/** What the account operations need. */
export interface AccountHandlerOptions {
  readonly accounts: AccountService;
  readonly events: EventHub;
  readonly discoveryNetwork?: DiscoveryNetwork;
  readonly doctorLookup?: HostLookup;
}

/** Builds the account operations; every change to the account list is announced with accountsChanged. */
export function createAccountHandlers(options: AccountHandlerOptions): AccountHandlers {
  const { accounts, events } = options;
  let network = options.discoveryNetwork;
  const announce = (): void => events.emit('accountsChanged', accounts.list());

  const discover = async (input: OperationInput<'discoverSettings'>): Promise<DiscoveryOutcome> => {
    network ??= createSystemDiscoveryNetwork();
    const runId = input.runId ?? null;
    const result = await discoverSettings(network, {
      address: input.address,
      ...(input.name === undefined ? {} : { name: input.name }),
      onSource: (source, status) => events.emit('discoveryProgress', { runId, source, status }),
    });
    return { domain: result.domain, incoming: result.incoming, outgoing: result.outgoing, recommended: result.recommended, sources: result.sources };
  };

  const test = async (input: OperationInput<'testAccount'>) => {
    let settings: AccountSettings | undefined = input.settings;
    let pop3Password = input.pop3Password;
    let smtpPassword = input.smtpPassword;
    if (input.accountId !== undefined) {
      const account = accounts.get(input.accountId);
      settings ??= account.settings ?? undefined;
      if (settings === undefined) throw wordedError('VALIDATION', { id: 'refusal.accountIncomplete' });
      // The settings as edited: a password command typed in the form is the one tested.
      pop3Password ??= await accounts.passwordFor(settings, 'pop3', account.id);
      if (settings.outgoing.credentials === 'separate') smtpPassword ??= await accounts.passwordFor(settings, 'smtp', account.id);
    }
    if (settings === undefined) throw wordedError('VALIDATION', { id: 'refusal.nothingToTest' });
    pop3Password ??= await accounts.passwordFor(settings, 'pop3');
    if (settings.outgoing.credentials === 'same') smtpPassword ??= pop3Password;
    const runId = input.runId ?? null;
    const accountId = input.accountId;
    const signIn = settings.signInWith !== undefined && accountId !== undefined ? () => accounts.checkSignIn(accountId) : undefined;
    return runDoctor({
      settings,
      ...(signIn === undefined ? {} : { signIn }),
      ...(pop3Password === undefined ? {} : { pop3Password }),
      ...(smtpPassword === undefined ? {} : { smtpPassword }),
      ...(input.scope === undefined ? {} : { scope: input.scope }),
      ...(input.roundTrip === undefined ? {} : { roundTrip: input.roundTrip }),
      ...(options.doctorLookup === undefined ? {} : { lookup: options.doctorLookup }),
      ...(input.locale === undefined ? {} : { t: createTranslator(input.locale).t }),
      onStep: (step) => events.emit('doctorStep', { runId, step }),
    });
  };

  return {
    listAccounts: () => accounts.list(),
    getAccount: ({ id }) => accounts.get(id),
    discoverSettings: (input) => discover(input),
    async saveAccount(input) {
      const outcome = await accounts.save({
        settings: input.settings,
        ...(input.id === undefined ? {} : { id: input.id }),
        ...(input.pop3Password === undefined ? {} : { pop3Password: input.pop3Password }),
        ...(input.smtpPassword === undefined ? {} : { smtpPassword: input.smtpPassword }),
        ...(input.rememberPasswords === undefined ? {} : { rememberPasswords: input.rememberPasswords }),
      });
      announce();
      return outcome;
    },
    async removeAccount({ id, deleteLocalMail }) {
      const outcome = await accounts.remove(id, { deleteLocalMail });
      announce();
      return outcome;
    },
    testAccount: (input) => test(input),
  };
}
