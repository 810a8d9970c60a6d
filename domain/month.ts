// A month as every layer writes it: YYYY-MM (the declaration month, 缴费截止月份, a rule's start).
import { z } from 'zod';

export const monthPattern = /^\d{4}-(0[1-9]|1[0-2])$/;
export const monthSchema = z.string().regex(monthPattern, 'YYYY-MM');
