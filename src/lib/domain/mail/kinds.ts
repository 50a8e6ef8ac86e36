/** The kinds of notice the app mails, each of which a person can turn off in the account. */
export const mailKinds = ['reminder', 'overdue', 'submitted', 'released', 'returned'] as const;
export type MailKind = (typeof mailKinds)[number];
