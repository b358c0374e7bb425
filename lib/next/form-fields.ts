// The fields of a small HTML form posted to a route handler (application/x-www-form-urlencoded or
// multipart), as URLSearchParams — or a 4xx to answer with: another body type, more than
// FORM_MAX_BYTES, or a body that does not parse.
export const FORM_MAX_BYTES = 16 * 1024;

export type FormFields = { ok: true; params: URLSearchParams } | { ok: false; status: 400 | 413 | 415; error: string };

export async function readFormFields(request: Request): Promise<FormFields> {
  const type = request.headers.get("content-type") ?? "";
  if (!type.startsWith("application/x-www-form-urlencoded") && !type.startsWith("multipart/form-data")) {
    return { ok: false, status: 415, error: "Send the form's fields (application/x-www-form-urlencoded)." };
  }
  const length = Number(request.headers.get("content-length") ?? "0");
  if (length > FORM_MAX_BYTES) return { ok: false, status: 413, error: "That request is too large." };
  try {
    const form = await request.formData();
    const params = new URLSearchParams();
    for (const [key, value] of form) if (typeof value === "string") params.append(key, value);
    return { ok: true, params };
  } catch {
    return { ok: false, status: 400, error: "That form could not be read." };
  }
}
