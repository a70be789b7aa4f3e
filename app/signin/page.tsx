import { SignInForm } from '../../components/auth/SignInForm';
import { OpenDataSignInNote } from '../../components/openData/OpenDataSignInNote';

export default function SignInPage() {
  return (
    <>
      <SignInForm />
      <OpenDataSignInNote />
    </>
  );
}
