import { logoutPOST } from '@/lib/server/auth-handlers';

export const dynamic = 'force-dynamic';
export const POST = logoutPOST;
