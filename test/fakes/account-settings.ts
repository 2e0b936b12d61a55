import { accountSettingsSchema, defaultPolicy, type Account, type AccountSettingsInput } from '../../shared/accounts';

/** A complete, valid account; tests change one thing at a time. */
export function sampleSettings(overrides: Partial<AccountSettingsInput> = {}): AccountSettingsInput {
  return {
    name: 'Home',
    displayName: 'Ann Example',
    address: 'ann@example.com',
    identities: [{ name: 'Ann', address: 'ann@example.com', signature: '-- \nAnn\nExample street 1' }],
    incoming: { host: 'pop.example.com', port: 995, security: 'tls', username: 'ann@example.com', auth: 'auto' },
    outgoing: { host: 'smtp.example.com', port: 465, security: 'tls', username: 'ann@example.com', credentials: 'same' },
    policy: defaultPolicy(true),
    allowInsecure: false,
    ...overrides,
  };
}

/** A saved account with the sample settings, taking part in Send/Receive or not. */
export function sampleAccount(id: string, includeInSendReceive = true): Account {
  return {
    id,
    name: id,
    address: `${id}@example.com`,
    settings: accountSettingsSchema.parse(sampleSettings({ name: id, policy: { ...defaultPolicy(true), includeInSendReceive } })),
    messageCount: 0,
    createdAt: 1,
    updatedAt: 1,
  };
}
