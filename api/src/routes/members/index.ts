import { listMembers } from './list.ts';
import { inviteMember } from './invite.ts';
import { changeMemberRole } from './update.ts';
import { removeMember } from './delete.ts';

export const memberRoutes = [listMembers, inviteMember, changeMemberRole, removeMember];
