import { listTemplates } from './list.ts';
import { createTemplate } from './create.ts';
import { getTemplate } from './get.ts';
import { updateTemplate } from './update.ts';
import { deleteTemplate } from './delete.ts';

export const templateRoutes = [listTemplates, createTemplate, getTemplate, updateTemplate, deleteTemplate];
