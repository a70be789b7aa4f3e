import type { Metadata } from 'next';
import { SignInForm } from '../../components/auth/SignInForm';
import { pageMetadata } from '../../components/i18n/pageMetadata';

export function generateMetadata(): Promise<Metadata> {
  return pageMetadata('signIn', 'metaSignInDescription');
}

export default function SignInPage() {
  return <SignInForm />;
}
