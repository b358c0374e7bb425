// What a console form shows under each field: the first message zod gave it.
import { z } from "zod";

export function firstFieldErrors(error: z.ZodError): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(z.flattenError(error).fieldErrors).map(([field, messages]) => [field, (messages as string[] | undefined)?.[0]]));
}
