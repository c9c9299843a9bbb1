import { z } from 'zod';
import { ambitions } from '../calibration/ambition-schema.ts';
import { describeSchema, type GroupDescriptor } from './describe-schema.ts';

/** The document the ambitions form fills: the system's own priorities (¶3.121). */
export const ambitionsDocument = z.strictObject({ ambitions });

/** The ambitions form: a list of rows generated from their schema. */
export const ambitionsForm = describeSchema(ambitionsDocument) as GroupDescriptor;
