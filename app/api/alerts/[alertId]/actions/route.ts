import { alertActionPOST } from '@/lib/server/alert-handlers';

export const dynamic = 'force-dynamic';
export const POST = alertActionPOST;
