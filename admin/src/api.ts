import { ApiError } from './api-error.ts';
import { apiBaseUrl } from './config.ts';
import { SessionStore, type StoredSession } from './session.ts';
import type {
  AlertmanagerSettings,
  AlertmanagerSettingsInput,
  ApiKey,
  AuditEvent,
  CreateApiKeyInput,
  CreatedApiKey,
  CreateMaintenanceInput,
  Invitation,
  InvitationWithLink,
  InviteMemberInput,
  Maintenance,
  Member,
  MemberRole,
  PostMaintenanceUpdateInput,
  UpdateMaintenanceInput,
  UpdateOrganizationInput,
  CreateIncidentInput,
  CreateOrganizationInput,
  CreateServiceInput,
  Incident,
  InvitationMembership,
  LoginInput,
  Me,
  Organization,
  Page,
  PostIncidentUpdateInput,
  EditIncidentUpdateInput,
  PutPostmortemInput,
  PublicInvitation,
  ResolveIncidentInput,
  Service,
  ServiceGroup,
  Session,
  SetStatusInput,
  SignupInput,
  SignupSession,
  AuthUser,
  CreateTemplateInput,
  Template,
  TemplateKind,
  UpdateTemplateInput,
  ChangePasswordInput,
  CreateGroupInput,
  ServiceOrder,
  ServiceOrderInput,
  ServiceStatusChange,
  ServiceUptime,
  UpdateGroupInput,
  UpdateServiceInput,
  Webhook,
  CreatedWebhook,
  WebhookInput,
  WebhookDelivery,
  WebhookTestQueued,
  SubscriberPage,
} from './api-types.ts';

export { ApiError };

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
interface CallOptions {
  method?: Method;
  body?: unknown;
  /** Sends the access token, refreshing it once on a 401 (default true). */
  auth?: boolean;
}

/**
 * The one client of the admin: knows the wire conventions (`{ data }`, `{ data, next_cursor }`, the
 * error body), keeps the session (refreshes an expiring access token first, and once more on a 401),
 * and names every call the admin makes. Tabs share one stored session; the API's refresh grace
 * period lets two of them refresh the same token at once.
 */
export function createApi({ baseUrl = apiBaseUrl, session = new SessionStore() } = {}) {
  let refreshing: Promise<StoredSession | null> | null = null;

  async function send(path: string, { method = 'GET', body }: CallOptions, token: string | null): Promise<Response> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    // A file goes as itself (its own type); anything else as JSON.
    const file = body instanceof Blob ? body : null;
    if (body !== undefined)
      headers['Content-Type'] = file ? file.type || 'application/octet-stream' : 'application/json';
    if (token) headers.Authorization = `Bearer ${token}`;
    try {
      return await fetch(`${baseUrl}${path}`, {
        method,
        headers,
        body: body === undefined ? null : (file ?? JSON.stringify(body)),
      });
    } catch {
      throw new ApiError(0, null);
    }
  }

  /** Trades the stored refresh token for a new session, once at a time per tab; null: signed out. */
  function refresh(staleAccessToken: string): Promise<StoredSession | null> {
    refreshing ??= (async () => {
      const stored = session.current;
      if (!stored) return null;
      // Another tab refreshed already: its tokens are in the shared store.
      if (stored.access_token !== staleAccessToken && stored.expires_at - Date.now() > 10_000) return stored;
      const res = await send(
        '/api/auth/refresh',
        { method: 'POST', body: { refresh_token: stored.refresh_token } },
        null,
      );
      const json = await res.json().catch(() => null);
      if (res.ok) {
        session.save((json as { data: Session }).data);
        return session.current;
      }
      if (res.status === 401 && session.current?.refresh_token === stored.refresh_token) session.clear();
      if (res.status === 401) return session.current;
      throw new ApiError(res.status, json);
    })().finally(() => (refreshing = null));
    return refreshing;
  }

  /** A current access token (refreshed when it expires within 10 s); null when signed out. */
  async function accessToken(): Promise<string | null> {
    const stored = session.current;
    if (!stored) return null;
    if (stored.expires_at - Date.now() > 10_000) return stored.access_token;
    return (await refresh(stored.access_token))?.access_token ?? null;
  }

  /** Sends with the access token (unless `auth: false`), refreshing it once on a 401. */
  async function sendAuthorized(path: string, options: CallOptions): Promise<Response> {
    const auth = options.auth ?? true;
    const token = auth ? await accessToken() : null;
    const res = await send(path, options, token);
    if (res.status !== 401 || !token) return res;
    const renewed = await refresh(token);
    return renewed ? send(path, options, renewed.access_token) : res;
  }

  async function call<T>(path: string, options: CallOptions = {}): Promise<T> {
    const res = await sendAuthorized(path, options);
    if (res.status === 204) return undefined as T;
    const json = await res.json().catch(() => null);
    if (!res.ok) throw new ApiError(res.status, json);
    return json as T;
  }

  const data = <T>(path: string, options?: CallOptions) => call<{ data: T }>(path, options).then((body) => body.data);

  /** Every page of a list, following `next_cursor`. */
  async function all<T>(path: string): Promise<T[]> {
    const items: T[] = [];
    for (let cursor: string | null = null; ;) {
      const separator = path.includes('?') ? '&' : '?';
      const page: Page<T> = await call<Page<T>>(
        cursor ? `${path}${separator}cursor=${encodeURIComponent(cursor)}` : path,
      );
      items.push(...page.data);
      if (!page.next_cursor) return items;
      cursor = page.next_cursor;
    }
  }

  const org = (orgId: string) => `/api/organizations/${encodeURIComponent(orgId)}`;
  const id = encodeURIComponent;

  return {
    session,
    accessToken,
    /** The org's SSE stream (GET, bearer token). */
    streamUrl: (orgId: string) => new URL(`${org(orgId)}/stream`, baseUrl || location.origin).toString(),

    auth: {
      async signUp(input: SignupInput): Promise<SignupSession> {
        const answer = await data<SignupSession>('/api/auth/signup', { method: 'POST', body: input, auth: false });
        if (answer.access_token !== null) session.save(answer);
        return answer;
      },
      async signIn(input: LoginInput): Promise<AuthUser> {
        const answer = await data<Session>('/api/auth/login', { method: 'POST', body: input, auth: false });
        session.save(answer);
        return answer.user;
      },
      async signOut(): Promise<void> {
        const stored = session.current;
        try {
          if (stored) await call('/api/auth/logout', { method: 'POST', body: { refresh_token: stored.refresh_token } });
        } finally {
          session.clear();
        }
      },
      me: () => data<Me>('/api/auth/me'),
      verifyEmail: (token: string) =>
        data<AuthUser>('/api/auth/verify-email', { method: 'POST', body: { token }, auth: false }),
      resendVerification: () => call<void>('/api/auth/verify-email/resend', { method: 'POST' }),
      requestPasswordReset: (email: string) =>
        call<void>('/api/auth/password-reset', { method: 'POST', body: { email }, auth: false }),
      /** Changes the password; the API ends every other session and answers a fresh one for this tab. */
      async changePassword(input: ChangePasswordInput): Promise<void> {
        session.save(await data<Session>('/api/auth/password', { method: 'POST', body: input }));
      },
      /** Ends every session of the user, on every device, then this tab's. */
      async signOutEverywhere(): Promise<void> {
        try {
          await call('/api/auth/logout', { method: 'POST', body: { scope: 'global' } });
        } finally {
          session.clear();
        }
      },
      confirmPasswordReset: (token: string, password: string) =>
        call<void>('/api/auth/password-reset/confirm', { method: 'POST', body: { token, password }, auth: false }),
    },

    organizations: {
      create: (input: CreateOrganizationInput) =>
        data<Organization>('/api/organizations', { method: 'POST', body: input }),
      get: (orgId: string) => data<Organization>(org(orgId)),
      update: (orgId: string, input: UpdateOrganizationInput) =>
        data<Organization>(org(orgId), { method: 'PUT', body: input }),
      /** Uploads the logo (PNG, JPEG or WebP up to 256 KB), sent as the raw body. */
      uploadLogo: (orgId: string, file: Blob) =>
        data<Organization>(`${org(orgId)}/logo`, { method: 'PUT', body: file }),
      /** Deletes the org; `confirm` must be its current slug. */
      delete: (orgId: string, confirm: string) =>
        call<void>(`${org(orgId)}?confirm=${encodeURIComponent(confirm)}`, { method: 'DELETE' }),
    },

    maintenances: {
      /** A page of maintenances (latest start first), optionally of one status. */
      page: (orgId: string, query: { status?: string; from?: string; cursor?: string | null } = {}) =>
        call<Page<Maintenance>>(`${org(orgId)}/maintenances?${listQuery({ limit: '50', ...query })}`),
      get: (orgId: string, maintenanceId: string) =>
        data<Maintenance>(`${org(orgId)}/maintenances/${id(maintenanceId)}`),
      create: (orgId: string, input: CreateMaintenanceInput) =>
        data<Maintenance>(`${org(orgId)}/maintenances`, { method: 'POST', body: input }),
      update: (orgId: string, maintenanceId: string, input: UpdateMaintenanceInput) =>
        data<Maintenance>(`${org(orgId)}/maintenances/${id(maintenanceId)}`, { method: 'PUT', body: input }),
      postUpdate: (orgId: string, maintenanceId: string, input: PostMaintenanceUpdateInput) =>
        data<Maintenance>(`${org(orgId)}/maintenances/${id(maintenanceId)}/updates`, { method: 'POST', body: input }),
    },

    members: {
      list: (orgId: string) => all<Member>(`${org(orgId)}/members?limit=100`),
      invite: (orgId: string, input: InviteMemberInput) =>
        data<InvitationWithLink>(`${org(orgId)}/members`, { method: 'POST', body: input }),
      changeRole: (orgId: string, userId: string, role: MemberRole) =>
        data<Member>(`${org(orgId)}/members/${id(userId)}`, { method: 'PUT', body: { role } }),
      remove: (orgId: string, userId: string) =>
        call<void>(`${org(orgId)}/members/${id(userId)}`, { method: 'DELETE' }),
    },

    orgInvitations: {
      list: (orgId: string) => all<Invitation>(`${org(orgId)}/invitations?limit=100`),
      resend: (orgId: string, invitationId: string) =>
        data<InvitationWithLink>(`${org(orgId)}/invitations/${id(invitationId)}/resend`, { method: 'POST' }),
      revoke: (orgId: string, invitationId: string) =>
        call<void>(`${org(orgId)}/invitations/${id(invitationId)}`, { method: 'DELETE' }),
    },

    apiKeys: {
      list: (orgId: string) => all<ApiKey>(`${org(orgId)}/api-keys?limit=100`),
      create: (orgId: string, input: CreateApiKeyInput) =>
        data<CreatedApiKey>(`${org(orgId)}/api-keys`, { method: 'POST', body: input }),
      revoke: (orgId: string, keyId: string) => call<void>(`${org(orgId)}/api-keys/${id(keyId)}`, { method: 'DELETE' }),
    },

    webhooks: {
      list: (orgId: string) => data<Webhook[]>(`${org(orgId)}/webhooks`),
      create: (orgId: string, input: WebhookInput) =>
        data<CreatedWebhook>(`${org(orgId)}/webhooks`, { method: 'POST', body: input }),
      update: (orgId: string, hookId: string, input: WebhookInput) =>
        data<Webhook>(`${org(orgId)}/webhooks/${id(hookId)}`, { method: 'PUT', body: input }),
      delete: (orgId: string, hookId: string) =>
        call<void>(`${org(orgId)}/webhooks/${id(hookId)}`, { method: 'DELETE' }),
      /** Queues a `webhook.test` delivery; it shows among the deliveries once the outbox sent it. */
      test: (orgId: string, hookId: string) =>
        data<WebhookTestQueued>(`${org(orgId)}/webhooks/${id(hookId)}/test`, { method: 'POST' }),
      /** A page of a webhook's deliveries, newest first (`cursor`: the previous page's `next_cursor`). */
      deliveries: (orgId: string, hookId: string, cursor: string | null = null) =>
        call<Page<WebhookDelivery>>(
          `${org(orgId)}/webhooks/${id(hookId)}/deliveries?limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        ),
    },

    subscribers: {
      /** A page of status page subscribers, with `total` (all matching `q`). */
      page: (orgId: string, query: { q?: string; cursor?: string | null } = {}) =>
        call<SubscriberPage>(`${org(orgId)}/subscribers?${listQuery({ limit: '25', ...query })}`),
      remove: (orgId: string, subscriberId: string) =>
        call<void>(`${org(orgId)}/subscribers/${id(subscriberId)}`, { method: 'DELETE' }),
      /** The CSV export as a file (it needs the bearer token, so it is fetched, not linked). */
      async exportCsv(orgId: string): Promise<Blob> {
        const res = await sendAuthorized(`${org(orgId)}/subscribers/export`, {});
        if (!res.ok) throw new ApiError(res.status, await res.json().catch(() => null));
        return res.blob();
      },
    },

    events: {
      /** A page of the audit trail, newest first; `type` is a type or a family (`incident`). */
      page: (orgId: string, query: { type?: string; cursor?: string | null } = {}) =>
        call<Page<AuditEvent>>(`${org(orgId)}/events?${listQuery({ limit: '50', ...query })}`),
    },

    alertmanager: {
      get: (orgId: string) => data<AlertmanagerSettings>(`${org(orgId)}/integrations/alertmanager/settings`),
      put: (orgId: string, input: AlertmanagerSettingsInput) =>
        data<AlertmanagerSettings>(`${org(orgId)}/integrations/alertmanager/settings`, { method: 'PUT', body: input }),
    },

    services: {
      list: (orgId: string) => all<Service>(`${org(orgId)}/services?limit=500`),
      create: (orgId: string, input: CreateServiceInput) =>
        data<Service>(`${org(orgId)}/services`, { method: 'POST', body: input }),
      get: (orgId: string, serviceId: string) => data<Service>(`${org(orgId)}/services/${id(serviceId)}`),
      update: (orgId: string, serviceId: string, input: UpdateServiceInput) =>
        data<Service>(`${org(orgId)}/services/${id(serviceId)}`, { method: 'PUT', body: input }),
      delete: (orgId: string, serviceId: string) =>
        call<void>(`${org(orgId)}/services/${id(serviceId)}`, { method: 'DELETE' }),
      setStatus: (orgId: string, serviceId: string, input: SetStatusInput) =>
        data<Service>(`${org(orgId)}/services/${id(serviceId)}/status`, { method: 'POST', body: input }),
      /** A page of the service's status changes, newest first. */
      history: (orgId: string, serviceId: string, cursor?: string | null) =>
        call<Page<ServiceStatusChange>>(
          `${org(orgId)}/services/${id(serviceId)}/history?${listQuery({ limit: '20', cursor })}`,
        ),
      /** Day by day over the last `days` days, in the org's time zone. */
      uptime: (orgId: string, serviceId: string, days = 90) =>
        data<ServiceUptime>(`${org(orgId)}/services/${id(serviceId)}/uptime?days=${days}`),
    },

    groups: {
      list: (orgId: string) => all<ServiceGroup>(`${org(orgId)}/service-groups?limit=500`),
      create: (orgId: string, input: CreateGroupInput) =>
        data<ServiceGroup>(`${org(orgId)}/service-groups`, { method: 'POST', body: input }),
      update: (orgId: string, groupId: string, input: UpdateGroupInput) =>
        data<ServiceGroup>(`${org(orgId)}/service-groups/${id(groupId)}`, { method: 'PUT', body: input }),
      delete: (orgId: string, groupId: string) =>
        call<void>(`${org(orgId)}/service-groups/${id(groupId)}`, { method: 'DELETE' }),
    },

    /** Group positions, and service groups and positions, in one transaction. */
    serviceOrder: {
      put: (orgId: string, input: ServiceOrderInput) =>
        data<ServiceOrder>(`${org(orgId)}/service-order`, { method: 'PUT', body: input }),
    },

    incidents: {
      page: (orgId: string, status: 'open' | 'resolved', cursor?: string | null) =>
        call<Page<Incident>>(
          `${org(orgId)}/incidents?status=${status}&limit=20${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        ),
      get: (orgId: string, incidentId: string) => data<Incident>(`${org(orgId)}/incidents/${id(incidentId)}`),
      create: (orgId: string, input: CreateIncidentInput) =>
        data<Incident>(`${org(orgId)}/incidents`, { method: 'POST', body: input }),
      postUpdate: (orgId: string, incidentId: string, input: PostIncidentUpdateInput) =>
        data<Incident>(`${org(orgId)}/incidents/${id(incidentId)}/updates`, { method: 'POST', body: input }),
      resolve: (orgId: string, incidentId: string, input: ResolveIncidentInput) =>
        data<Incident>(`${org(orgId)}/incidents/${id(incidentId)}/resolve`, { method: 'POST', body: input }),
      /** Corrects a timeline entry's text (its status stays). */
      editUpdate: (orgId: string, incidentId: string, updateId: string, input: EditIncidentUpdateInput) =>
        data<Incident>(`${org(orgId)}/incidents/${id(incidentId)}/updates/${id(updateId)}`, {
          method: 'PUT',
          body: input,
        }),
      deleteUpdate: (orgId: string, incidentId: string, updateId: string) =>
        call<void>(`${org(orgId)}/incidents/${id(incidentId)}/updates/${id(updateId)}`, { method: 'DELETE' }),
      /** Writes, replaces or (null) removes a resolved incident's post-mortem. */
      putPostmortem: (orgId: string, incidentId: string, input: PutPostmortemInput) =>
        data<Incident>(`${org(orgId)}/incidents/${id(incidentId)}/postmortem`, { method: 'PUT', body: input }),
    },

    templates: {
      /** Every template of the org (by name), optionally of one kind. */
      list: (orgId: string, kind?: TemplateKind) =>
        all<Template>(`${org(orgId)}/templates?${listQuery({ limit: '100', kind })}`),
      get: (orgId: string, templateId: string) => data<Template>(`${org(orgId)}/templates/${id(templateId)}`),
      create: (orgId: string, input: CreateTemplateInput) =>
        data<Template>(`${org(orgId)}/templates`, { method: 'POST', body: input }),
      update: (orgId: string, templateId: string, input: UpdateTemplateInput) =>
        data<Template>(`${org(orgId)}/templates/${id(templateId)}`, { method: 'PUT', body: input }),
      delete: (orgId: string, templateId: string) =>
        call<void>(`${org(orgId)}/templates/${id(templateId)}`, { method: 'DELETE' }),
    },

    invitations: {
      lookup: (token: string) => data<PublicInvitation>(`/api/invitations/${id(token)}`, { auth: false }),
      accept: (token: string) => data<InvitationMembership>(`/api/invitations/${id(token)}/accept`, { method: 'POST' }),
    },
  };
}

export type Api = ReturnType<typeof createApi>;

/** A query string of the given values, leaving out empty ones. */
function listQuery(values: Record<string, string | null | undefined>): string {
  return new URLSearchParams(
    Object.entries(values).filter((entry): entry is [string, string] => !!entry[1]),
  ).toString();
}
