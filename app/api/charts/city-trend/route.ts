import { cityTrendChartGET } from '@/lib/server/route-handlers';

export const dynamic = 'force-dynamic';
export const GET = cityTrendChartGET;
