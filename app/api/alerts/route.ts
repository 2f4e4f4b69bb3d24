import { alertsGET } from '@/lib/server/alert-handlers';

export const dynamic = 'force-dynamic';
export const GET = alertsGET;
