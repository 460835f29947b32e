import { z } from '@hono/zod-openapi';
import { memberRoles } from '../../contract/roles.ts';
import { OrgIdParams } from '../organizations/schema.ts';

export const Member = z
  .object({
    user_id: z.uuid(),
    email: z.string(),
    display_name: z.string().nullable(),
    role: z.enum(memberRoles),
    created_at: z.string().openapi({ description: 'When they joined' }),
  })
  .openapi('Member');

export const MemberBody = z.object({ data: Member });
export const MemberList = z.object({ data: z.array(Member), next_cursor: z.string().nullable() });

export const MemberParams = OrgIdParams.extend({
  userId: z.uuid().openapi({ param: { name: 'userId', in: 'path' } }),
});

export const InviteMember = z
  .object({
    email: z
      .string()
      .trim()
      .max(254)
      .pipe(z.email())
      .transform((v) => v.toLowerCase()),
    role: z.enum(memberRoles),
  })
  .strict()
  .openapi('InviteMember');

export const ChangeRole = z
  .object({ role: z.enum(memberRoles) })
  .strict()
  .openapi('ChangeRole');
