/** The hub topic of an org's public stream. */
export const publicTopic = (orgId: string) => `public:${orgId}`;

/** The hub topic of an org's private (member) stream. */
export const orgTopic = (orgId: string) => `org:${orgId}`;

/** The org a topic belongs to. */
export const topicOrg = (topic: string) => topic.slice(topic.indexOf(':') + 1);
