import { outOfServicePOST } from '@/lib/server/alert-handlers';

export const dynamic = 'force-dynamic';
export const POST = outOfServicePOST;
