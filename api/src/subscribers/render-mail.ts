import type { EmailPayload } from '../outbox/email-channel.ts';
import type { EventNotice } from './event-notice.ts';
import { statusPageUrl, subscriptionLinks, unsubscribeHeaders } from './links.ts';

/** The org as its subscribers' mails show it. */
export interface MailOrg {
  name: string;
  slug: string;
  brand_color: string;
  has_logo: boolean;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** The branded HTML frame of every subscriber mail: logo or name in the org's colour, the body, the footer links. */
function frame(baseUrl: string, org: MailOrg, token: string, body: string): string {
  const color = /^#[0-9a-fA-F]{6}$/.test(org.brand_color) ? org.brand_color : '#2563eb';
  const links = subscriptionLinks(baseUrl, token);
  const logo = org.has_logo
    ? `<img src="${escapeHtml(`${baseUrl}/api/public/status/${org.slug}/logo`)}" alt="${escapeHtml(org.name)}" height="32" style="height:32px">`
    : `<strong style="font-size:18px;color:${color}">${escapeHtml(org.name)}</strong>`;
  return `<!doctype html><html><body style="margin:0;font-family:system-ui,sans-serif;color:#111">
<div style="border-top:4px solid ${color};max-width:560px;margin:0 auto;padding:16px">
<p>${logo}</p>
${body}
<hr style="border:0;border-top:1px solid #ddd;margin:24px 0 8px">
<p style="font-size:12px;color:#555">You receive this because you subscribed to ${escapeHtml(org.name)}'s status page.
<a href="${escapeHtml(links.manage)}">Change what you follow</a> · <a href="${escapeHtml(links.unsubscribe)}">Unsubscribe</a></p>
</div></body></html>`;
}

function textFooter(baseUrl: string, org: MailOrg, token: string): string {
  const links = subscriptionLinks(baseUrl, token);
  return `--\nYou receive this because you subscribed to ${org.name}'s status page.\nChange what you follow: ${links.manage}\nUnsubscribe: ${links.unsubscribe}\n`;
}

/** A notification: the org's name, logo and colour, the title, status and latest message, a link to the page. */
export function notificationMail(
  baseUrl: string,
  org: MailOrg,
  subscriber: { email: string; token: string },
  notice: EventNotice,
): EmailPayload {
  const url = statusPageUrl(baseUrl, org.slug, notice.link ?? undefined);
  const subject = `[${org.name}] ${notice.headline}: ${notice.title}`;
  const text =
    `${notice.headline}: ${notice.title}\nStatus: ${notice.status}\n\n` +
    (notice.message ? `${notice.message}\n\n` : '') +
    `Details: ${url}\n\n` +
    textFooter(baseUrl, org, subscriber.token);
  const html = frame(
    baseUrl,
    org,
    subscriber.token,
    `<h1 style="font-size:20px">${escapeHtml(notice.headline)}: ${escapeHtml(notice.title)}</h1>
<p><strong>Status:</strong> ${escapeHtml(notice.status)}</p>
${notice.message ? `<p style="white-space:pre-wrap">${escapeHtml(notice.message)}</p>` : ''}
<p><a href="${escapeHtml(url)}">View on the status page</a></p>`,
  );
  return { to: subscriber.email, subject, text, html, headers: unsubscribeHeaders(baseUrl, subscriber.token) };
}

/** The double opt-in mail: nothing else is sent before its link is followed. */
export function confirmationMail(
  baseUrl: string,
  org: MailOrg,
  subscriber: { email: string; token: string },
): EmailPayload {
  const links = subscriptionLinks(baseUrl, subscriber.token);
  const subject = `Confirm your subscription to ${org.name} status updates`;
  const text =
    `Someone (hopefully you) asked to receive ${org.name}'s status updates at this address.\n\n` +
    `Confirm by opening this link:\n\n${links.confirm}\n\n` +
    `If you did not ask for this, ignore this message: nothing will be sent.\n`;
  const html = frame(
    baseUrl,
    org,
    subscriber.token,
    `<h1 style="font-size:20px">Confirm your subscription</h1>
<p>Someone (hopefully you) asked to receive ${escapeHtml(org.name)}'s status updates at this address.</p>
<p><a href="${escapeHtml(links.confirm)}" style="background:#111;color:#fff;padding:8px 14px;border-radius:4px;text-decoration:none">Confirm subscription</a></p>
<p>If you did not ask for this, ignore this message: nothing will be sent.</p>`,
  );
  return { to: subscriber.email, subject, text, html, headers: unsubscribeHeaders(baseUrl, subscriber.token) };
}
