import { signup } from './signup.ts';
import { login } from './login.ts';
import { refresh } from './refresh.ts';
import { logout } from './logout.ts';
import { me } from './me.ts';
import { resendVerification, verifyEmail } from './verify-email.ts';
import { confirmPasswordReset, requestPasswordReset } from './password-reset.ts';
import { changePassword } from './password-change.ts';

export const authRoutes = [
  signup,
  login,
  refresh,
  logout,
  me,
  verifyEmail,
  resendVerification,
  requestPasswordReset,
  confirmPasswordReset,
  changePassword,
];
