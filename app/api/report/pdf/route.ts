import { reportPdfGET } from '@/lib/server/report-handlers';

export const dynamic = 'force-dynamic';
export const GET = reportPdfGET;
