import { z } from "zod";

export const createAnnotatorSchema = z.object({
  email: z.email("Enter a valid email address.").trim().toLowerCase(),
  name: z.string().trim().min(1, "Enter a name.").max(120),
  password: z.string().min(10, "Use at least 10 characters.").max(128),
});

export const setUserDisabledSchema = z.object({
  userId: z.string().min(1),
  disabled: z.union([z.boolean(), z.enum(["true", "false"]).transform((v) => v === "true")]),
});

export const renameUserSchema = z.object({
  userId: z.string().min(1),
  name: z.string().trim().min(1, "Enter a name.").max(120, "Keep the name under 120 characters."),
});
