/** The hub topic of an org's public stream. */
export const publicTopic = (orgId: string) => `public:${orgId}`;

/** The hub topic of an org's private stream for its admins: every event in full. */
export const orgTopic = (orgId: string) => `org:${orgId}`;

/** The hub topic of an org's private stream for viewers, members and `read` keys: admin-only events redacted. */
export const orgMembersTopic = (orgId: string) => `org-members:${orgId}`;

/** The org a topic belongs to. */
export const topicOrg = (topic: string) => topic.slice(topic.indexOf(':') + 1);
