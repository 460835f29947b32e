import { demoAdmin } from '../src/db/seed.ts';

/** The demo admin signed in to a running product, with the demo org and its services. */
export interface DemoSession {
  token: string;
  orgId: string;
  serviceIds: string[];
}

/** Signs in as the demo admin (the product was started with the demo data). */
export async function signInDemo(url: string): Promise<DemoSession> {
  const login = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(demoAdmin),
  });
  if (login.status !== 200) throw new Error(`demo login answered ${login.status}`);
  const token = ((await login.json()) as { data: { access_token: string } }).data.access_token;
  const auth = { Authorization: `Bearer ${token}` };
  const me = (await (await fetch(`${url}/api/auth/me`, { headers: auth })).json()) as {
    data: { organizations: { id: string; slug: string }[] };
  };
  const orgId = me.data.organizations.find((org) => org.slug === 'demo')!.id;
  const services = (await (await fetch(`${url}/api/organizations/${orgId}/services`, { headers: auth })).json()) as {
    data: { id: string }[];
  };
  return { token, orgId, serviceIds: services.data.map((service) => service.id) };
}

/** Sets a service's status through the API; resolves with the answer (never throws on refusal). */
export async function setStatus(
  url: string,
  session: DemoSession,
  serviceId: string,
  body: { status: string; message: string },
  headers: Record<string, string> = {},
): Promise<Response | null> {
  return fetch(`${url}/api/organizations/${session.orgId}/services/${serviceId}/status`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${session.token}`, ...headers },
    body: JSON.stringify(body),
  }).catch(() => null);
}

/** Creates a fresh public service in the demo org (no incident or alert holds its status). */
export async function createDemoService(url: string, session: DemoSession, name: string): Promise<string> {
  const res = await fetch(`${url}/api/organizations/${session.orgId}/services`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${session.token}` },
    body: JSON.stringify({ name }),
  });
  if (res.status !== 201 && res.status !== 200) throw new Error(`create service answered ${res.status}`);
  return ((await res.json()) as { data: { id: string } }).data.id;
}
