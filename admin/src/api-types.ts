// The wire types the admin uses, inferred from the API's own route schemas (type-only imports: no
// zod or API code reaches the bundle). One place, so a moved schema is one line to change here.
import type { z } from 'zod';
import type * as auth from '../../api/src/routes/auth/schema.ts';
import type * as services from '../../api/src/routes/services/schema.ts';
import type * as groups from '../../api/src/routes/service-groups/schema.ts';
import type * as serviceOrder from '../../api/src/routes/service-order/schema.ts';
import type * as incidents from '../../api/src/routes/incidents/schema.ts';
import type * as organizations from '../../api/src/routes/organizations/schema.ts';
import type * as invitations from '../../api/src/routes/invitations/schema.ts';
import type * as maintenances from '../../api/src/routes/maintenances/schema.ts';
import type * as members from '../../api/src/routes/members/schema.ts';
import type * as apiKeys from '../../api/src/routes/api-keys/schema.ts';
import type * as events from '../../api/src/routes/events/schema.ts';
import type * as integrations from '../../api/src/routes/integrations/schema.ts';
import type * as templates from '../../api/src/routes/templates/schema.ts';
import type * as webhooks from '../../api/src/routes/webhooks/schema.ts';
import type * as subscribers from '../../api/src/routes/subscribers/schema.ts';

export type { ErrorBody } from '../../api/src/contract/errors.ts';
export type { OrgStreamEvent } from '../../api/src/contract/stream-events.ts';
export type { MemberRole, ApiKeyScope } from '../../api/src/contract/roles.ts';
export type { TemplateKind } from '../../api/src/contract/templates.ts';
export type {
  HoldStatus,
  ServiceStatus,
  IncidentStatus,
  IncidentImpact,
  MaintenanceStatus,
} from '../../api/src/contract/status.ts';

export type Session = z.output<typeof auth.Session>;
/** A session (sign-up through an invitation), or the mailed answer (no session: check your mail). */
export type SignupSession = z.output<typeof auth.SignupBody>['data'] | z.output<typeof auth.SignupMailedBody>['data'];
export type AuthUser = z.output<typeof auth.AuthUser>;
export type Me = z.output<typeof auth.MeBody>['data'];
export type Membership = Me['organizations'][number];
export type SignupInput = z.input<typeof auth.SignupRequest>;
export type LoginInput = z.input<typeof auth.LoginRequest>;
export type ChangePasswordInput = z.input<typeof auth.PasswordChangeRequest>;

export type Organization = z.output<typeof organizations.OrganizationWithRole>;
export type CreateOrganizationInput = z.input<typeof organizations.CreateOrganization>;
export type UpdateOrganizationInput = z.input<typeof organizations.UpdateOrganization>;

export type Service = z.output<typeof services.Service>;
export type CreateServiceInput = z.input<typeof services.CreateServiceBody>;
export type SetStatusInput = z.input<typeof services.SetStatusBody>;
export type UpdateServiceInput = z.input<typeof services.UpdateServiceBody>;
export type ServiceStatusChange = z.output<typeof services.HistoryEntry>;
export type ServiceUptime = z.output<typeof services.UptimeBody>['data'];
export type UptimeDay = z.output<typeof services.UptimeDay>;
export type ServiceGroup = z.output<typeof groups.ServiceGroup>;
export type CreateGroupInput = z.input<typeof groups.CreateGroupBody>;
export type UpdateGroupInput = z.input<typeof groups.UpdateGroupBody>;
export type ServiceOrderInput = z.input<typeof serviceOrder.ServiceOrderBody>;
export type ServiceOrder = z.output<typeof serviceOrder.ServiceOrderResult>['data'];

export type Incident = z.output<typeof incidents.Incident>;
export type CreateIncidentInput = z.input<typeof incidents.CreateIncidentBody>;
export type PostIncidentUpdateInput = z.input<typeof incidents.PostIncidentUpdateBody>;
export type ResolveIncidentInput = z.input<typeof incidents.ResolveIncidentBody>;
export type EditIncidentUpdateInput = z.input<typeof incidents.EditIncidentUpdateBody>;
export type PutPostmortemInput = z.input<typeof incidents.PutPostmortemBody>;

export type PublicInvitation = z.output<typeof invitations.PublicInvitation>;
export type InvitationMembership = z.output<typeof invitations.Membership>;
export type Invitation = z.output<typeof invitations.Invitation>;
export type InvitationWithLink = z.output<typeof invitations.InvitationWithLink>;

export type Maintenance = z.output<typeof maintenances.Maintenance>;
export type CreateMaintenanceInput = z.input<typeof maintenances.CreateMaintenanceBody>;
export type UpdateMaintenanceInput = z.input<typeof maintenances.UpdateMaintenanceBody>;
export type PostMaintenanceUpdateInput = z.input<typeof maintenances.PostMaintenanceUpdateBody>;

export type Template = z.output<typeof templates.Template>;
export type CreateTemplateInput = z.input<typeof templates.CreateTemplateBody>;
export type UpdateTemplateInput = z.input<typeof templates.UpdateTemplateBody>;

export type Member = z.output<typeof members.Member>;
export type InviteMemberInput = z.input<typeof members.InviteMember>;

export type ApiKey = z.output<typeof apiKeys.ApiKey>;
export type CreatedApiKey = z.output<typeof apiKeys.CreatedApiKey>['data'];
export type CreateApiKeyInput = z.input<typeof apiKeys.CreateApiKeyBody>;

export type AuditEvent = z.output<typeof events.AuditEvent>;

export type AlertmanagerSettings = z.output<typeof integrations.AlertmanagerSettings>;
export type AlertmanagerSettingsInput = z.input<typeof integrations.PutAlertmanagerSettingsBody>;

export type Webhook = z.output<typeof webhooks.Webhook>;
export type CreatedWebhook = z.output<typeof webhooks.CreatedWebhook>['data'];
export type WebhookInput = z.input<typeof webhooks.WebhookBody>;
export type WebhookDelivery = z.output<typeof webhooks.Delivery>;
export type WebhookTestQueued = z.output<typeof webhooks.TestAnswer>['data'];
export type { WebhookKind, WebhookEventType } from '../../api/src/webhooks/event-types.ts';

export type Subscriber = z.output<typeof subscribers.Subscriber>;
/** A page of subscribers with the count of all that match (`total`). */
export type SubscriberPage = z.output<typeof subscribers.SubscriberList>;

/** A page of a list answer: `{ data, next_cursor }`. */
export interface Page<T> {
  data: T[];
  next_cursor: string | null;
}
