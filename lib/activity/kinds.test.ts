import { describe, expect, it } from "vitest";
import { failureReasonLabel } from "./kinds";

describe("failureReasonLabel", () => {
  it("labels the reasons the login and admin flows record", () => {
    expect(failureReasonLabel("LOCKED")).toBe("Too many attempts");
    expect(failureReasonLabel("INVALID_CODE")).toBe("Invalid code");
  });

  it("labels the error codes refused API calls record, never showing the code", () => {
    expect(failureReasonLabel("INVALID_INPUT")).toBe("Request not valid");
    expect(failureReasonLabel("UNSUPPORTED_MEDIA_TYPE")).toBe("Request body not sent as JSON");
    expect(failureReasonLabel("NOT_FOUND")).toBe("Not found");
    expect(failureReasonLabel("TEMP_CODE_EXPIRY_OUT_OF_RANGE")).toBe("Temp code expiry out of range");
  });

  it("has no label for no reason", () => {
    expect(failureReasonLabel(null)).toBeNull();
    expect(failureReasonLabel("")).toBeNull();
  });
});
