import { shelvesGET } from '@/lib/server/alert-handlers';

export const dynamic = 'force-dynamic';
export const GET = shelvesGET;
