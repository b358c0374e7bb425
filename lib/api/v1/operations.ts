// Every operation of REST API v1, in the order the docs list them. The route handlers and the
// OpenAPI document both come from this list.
import type { ApiOperation } from "@/lib/http/api-operation";
import { getUserOperation, listMethodsOperation, listUsersOperation } from "./user-operations";
import { bulkResetMfaOperation, expireTempCodeOperation, generateTempCodeOperation, resetUserMfaOperation } from "./mfa-operations";
import { disconnectMethodOperation, revokeSessionsOperation, unlockUserOperation } from "./account-operations";
import { getEventOperation, listEventsOperation } from "./event-operations";
import { meOperation } from "./token-operations";
import { resetPasswordOperation } from "./password-operations";
import {
  createWebhookOperation,
  getWebhookOperation,
  listWebhookDeliveriesOperation,
  listWebhooksOperation,
  pauseWebhookOperation,
  redeliverWebhookOperation,
  resumeWebhookOperation,
  rotateWebhookSecretOperation,
  testWebhookOperation,
  updateWebhookOperation,
} from "./webhook-operations";

export const API_OPERATIONS: ApiOperation[] = [
  listUsersOperation,
  getUserOperation,
  resetUserMfaOperation,
  bulkResetMfaOperation,
  resetPasswordOperation,
  generateTempCodeOperation,
  expireTempCodeOperation,
  listMethodsOperation,
  disconnectMethodOperation,
  unlockUserOperation,
  revokeSessionsOperation,
  listEventsOperation,
  getEventOperation,
  listWebhooksOperation,
  createWebhookOperation,
  getWebhookOperation,
  updateWebhookOperation,
  pauseWebhookOperation,
  resumeWebhookOperation,
  rotateWebhookSecretOperation,
  testWebhookOperation,
  listWebhookDeliveriesOperation,
  redeliverWebhookOperation,
  meOperation,
] as ApiOperation[];
