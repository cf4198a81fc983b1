import { defineOperation } from "../../types.js";
import { signUp as registerUser } from "../../../domain/users/signUp.js";

export const signUp = defineOperation("SignUp", async (input, deps, ctx) => registerUser(deps, input, ctx.now));
