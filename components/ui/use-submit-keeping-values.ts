"use client";
// React resets a <form action={…}> once its action returns, so a refused submission would lose what
// was typed (and a <select> would jump back to its first default). Submitting through onSubmit
// instead leaves every field as the person left it; the action still runs in a transition, so
// useActionState's `pending` works as before.
import { startTransition, type FormEvent } from "react";

export function submitKeepingValues(formAction: (formData: FormData) => void) {
  return (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const formData = new FormData(event.currentTarget, submitter);
    startTransition(() => formAction(formData));
  };
}
