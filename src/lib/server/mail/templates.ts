import { localizeUrl } from '../../paraglide/runtime';
import { m } from '../../paraglide/messages';
import { unlocalizedPaths } from '../../routes';
import { formatDate as dateText } from '../../format/date-time';
import type { AppLocale } from '../../format/number';
import type { MailNotice } from './notices';

/**
 * Every e-mail's words, German and English side by side, as plain text and HTML. Links are
 * absolute (the app's ORIGIN) and in the recipient's language. Names typed by people (cities,
 * a reason) are escaped in the HTML part.
 */

export interface RenderedMail {
	subject: string;
	text: string;
	html: string;
}

interface Recipient {
	displayName: string;
	locale: AppLocale;
}

const escapeHtml = (s: string) =>
	s.replace(
		/[&<>"']/g,
		(c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!
	);

/** An absolute link in the recipient's language (German without prefix, English under /en). */
export const absoluteLink = (origin: string, path: string, locale: AppLocale) =>
	localizeUrl(new URL(path, origin), { locale }).href;

/** A paragraph of the body; `link` is rendered as its own line in text, as an anchor in HTML. */
type Block = string | { link: string; label: string };

function assemble(
	subject: string,
	greeting: string,
	blocks: Block[],
	footer: string
): RenderedMail {
	const text = [
		greeting,
		'',
		...blocks.flatMap((b) => (typeof b === 'string' ? [b, ''] : [`${b.label}: ${b.link}`, ''])),
		'-- ',
		footer
	].join('\n');
	const html = [
		'<!doctype html><html><body style="font-family:sans-serif;line-height:1.5">',
		`<p>${escapeHtml(greeting)}</p>`,
		...blocks.map((b) =>
			typeof b === 'string'
				? `<p>${escapeHtml(b)}</p>`
				: `<p><a href="${escapeHtml(b.link)}">${escapeHtml(b.label)}</a></p>`
		),
		`<hr><p style="font-size:small">${escapeHtml(footer)}</p>`,
		'</body></html>'
	].join('\n');
	return { subject: `IKZ-Scorecard: ${subject}`, text, html };
}

const owed = (n: { missing: number; draft: number; kpis: number }, locale: AppLocale) =>
	locale === 'de'
		? `${n.missing} von ${n.kpis} Kennzahlen fehlen, ${n.draft} sind noch Entwurf.`
		: `${n.missing} of ${n.kpis} KPIs are missing, ${n.draft} are still drafts.`;

/** One notice in the recipient's language. */
export function renderNotice(notice: MailNotice, to: Recipient, origin: string): RenderedMail {
	const de = to.locale === 'de';
	const field = de ? notice.fieldNameDe : notice.fieldNameEn;
	const q = m.quarter_label(
		{ quarter: String(notice.quarter), year: String(notice.year) },
		{ locale: to.locale }
	);
	const what = `${field}, ${notice.city}, ${q}`;
	const link = (path: string) => absoluteLink(origin, path, to.locale);
	const entry = {
		link: link(unlocalizedPaths.entry(notice.citySlug, notice.fieldSlug, notice)),
		label: de ? 'Zur Erfassung' : 'Open the entry page'
	};
	const scorecard = {
		link: link(unlocalizedPaths.scorecard(notice.citySlug, notice.fieldSlug)),
		label: de ? 'Zur Scorecard' : 'Open the scorecard'
	};
	const greeting = de ? `Guten Tag ${to.displayName},` : `Hello ${to.displayName},`;
	const footer = de
		? `Diese Nachricht kommt von der IKZ-Scorecard. Welche Nachrichten Sie erhalten, stellen Sie in Ihrem Konto ein: ${link(unlocalizedPaths.account())}`
		: `This message comes from the IKZ Scorecard. Choose which messages you receive in your account: ${link(unlocalizedPaths.account())}`;
	switch (notice.kind) {
		case 'reminder':
			return assemble(
				de
					? `Frist am ${dateText(notice.deadline, 'de')} (${what})`
					: `Deadline ${dateText(notice.deadline, 'en')} (${what})`,
				greeting,
				[
					de
						? `die Werte für ${what} sind bis zum ${dateText(notice.deadline, 'de')} einzureichen.`
						: `the figures for ${what} are due on ${dateText(notice.deadline, 'en')}.`,
					owed(notice, to.locale),
					entry
				],
				footer
			);
		case 'overdue':
			return assemble(
				de ? `Frist überschritten (${what})` : `Deadline passed (${what})`,
				greeting,
				[
					de
						? `die Frist für ${what} ist am ${dateText(notice.deadline, 'de')} abgelaufen, und es ist noch nicht alles eingereicht.`
						: `the deadline for ${what} passed on ${dateText(notice.deadline, 'en')}, and not everything has been submitted.`,
					owed(notice, to.locale),
					entry
				],
				footer
			);
		case 'submitted':
			return assemble(
				de ? `Werte zur Freigabe (${what})` : `Figures to review (${what})`,
				greeting,
				[
					de
						? `für ${what} wurden ${notice.count} Werte eingereicht und warten auf Ihre Prüfung und Freigabe.`
						: `${notice.count} figures for ${what} were submitted and wait for your review and release.`,
					entry
				],
				footer
			);
		case 'released':
			return assemble(
				de ? `Werte freigegeben (${what})` : `Figures released (${what})`,
				greeting,
				[
					de
						? `für ${what} wurden ${notice.count} Werte freigegeben; sie sind jetzt im Ring sichtbar.`
						: `${notice.count} figures for ${what} were released and are now visible to the ring.`,
					scorecard
				],
				footer
			);
		case 'returned':
			return assemble(
				de ? `Werte zurückgegeben (${what})` : `Figures returned (${what})`,
				greeting,
				[
					de
						? `für ${what} wurden ${notice.count} Werte zur Korrektur zurückgegeben.`
						: `${notice.count} figures for ${what} were returned for correction.`,
					de ? `Begründung: ${notice.reason}` : `Reason: ${notice.reason}`,
					entry
				],
				footer
			);
	}
}

/** The set-password link for a new account (sent at once, never stored: see decision 0026). */
export function renderPasswordLink(
	to: Recipient,
	link: string,
	validHours: number,
	origin: string
): RenderedMail {
	const de = to.locale === 'de';
	return assemble(
		de ? 'Ihr Zugang' : 'Your account',
		de ? `Guten Tag ${to.displayName},` : `Hello ${to.displayName},`,
		[
			de
				? `für Sie wurde ein Konto in der IKZ-Scorecard angelegt. Bitte legen Sie Ihr Passwort fest; der Link gilt ${validHours} Stunden und nur einmal.`
				: `an account in the IKZ Scorecard was created for you. Please set your password; the link is valid for ${validHours} hours and only once.`,
			{ link, label: de ? 'Passwort festlegen' : 'Set your password' },
			de
				? 'Falls Sie kein Konto erwartet haben, ignorieren Sie diese Nachricht.'
				: 'If you did not expect an account, ignore this message.'
		],
		de
			? `Diese Nachricht kommt von der IKZ-Scorecard (${origin}).`
			: `This message comes from the IKZ Scorecard (${origin}).`
	);
}
