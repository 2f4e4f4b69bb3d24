/**
 * The simulated world's venue catalogue: the competition venues of the Hangzhou 2023
 * Asian Games in the six host cities. Names (English and Chinese) follow public reports;
 * coordinates are approximate (to ~1 km) and capacities and sports are the simulator's
 * approximations, good for a realistic feed, not an authoritative record.
 */
import type { CityId } from '../lib/contracts/cities';

export type VenueForm = 'stadium' | 'arena' | 'hall' | 'outdoor' | 'water';

export interface VenueSeed {
  id: string;
  cityId: CityId;
  en: string;
  zh: string;
  lon: number;
  lat: number;
  form: VenueForm;
  /** Spectator capacity. */
  capacity: number;
  sports: string[];
}

const v = (
  id: string,
  cityId: CityId,
  en: string,
  zh: string,
  lon: number,
  lat: number,
  form: VenueForm,
  capacity: number,
  sports: string[],
): VenueSeed => ({ id, cityId, en, zh, lon, lat, form, capacity, sports });

export const VENUES: readonly VenueSeed[] = [
  // Hangzhou: Olympic Sports Centre and the city districts
  v('hz-olympic-stadium', 'hangzhou', 'Hangzhou Olympic Sports Centre Stadium', '杭州奥体中心体育场', 120.2295, 30.2297, 'stadium', 80000, ['Athletics']),
  v('hz-olympic-gymnasium', 'hangzhou', 'Hangzhou Olympic Sports Centre Gymnasium', '杭州奥体中心体育馆', 120.2336, 30.2352, 'arena', 18000, ['Basketball']),
  v('hz-olympic-aquatics', 'hangzhou', 'Hangzhou Olympic Sports Centre Aquatic Sports Arena', '杭州奥体中心游泳馆', 120.2366, 30.2331, 'arena', 6000, ['Swimming', 'Diving', 'Artistic swimming']),
  v('hz-olympic-tennis', 'hangzhou', 'Hangzhou Olympic Sports Centre Tennis Centre', '杭州奥体中心网球中心', 120.2248, 30.2371, 'outdoor', 10000, ['Tennis', 'Soft tennis']),
  v('hz-olympic-expo', 'hangzhou', 'Hangzhou Olympic Expo Centre', '杭州奥体博览中心', 120.2391, 30.2265, 'hall', 5000, ['Squash', 'Fencing']),
  v('huanglong-stadium', 'hangzhou', 'Huanglong Sports Centre Stadium', '黄龙体育中心体育场', 120.1318, 30.2686, 'stadium', 52000, ['Football']),
  v('huanglong-gymnasium', 'hangzhou', 'Huanglong Sports Centre Gymnasium', '黄龙体育中心体育馆', 120.1349, 30.2712, 'arena', 8000, ['Gymnastics']),
  v('huanglong-natatorium', 'hangzhou', 'Huanglong Sports Centre Natatorium', '黄龙体育中心游泳跳水馆', 120.1297, 30.2718, 'arena', 3000, ['Water polo']),
  v('hangzhou-gymnasium', 'hangzhou', 'Hangzhou Gymnasium', '杭州体育馆', 120.1668, 30.2842, 'arena', 5000, ['Boxing']),
  v('zju-zijingang-gym', 'hangzhou', 'Zhejiang University Zijingang Campus Gymnasium', '浙江大学紫金港校区体育馆', 120.0858, 30.3056, 'arena', 4500, ['Basketball']),
  v('zjut-pingfeng-cricket', 'hangzhou', 'Zhejiang University of Technology Pingfeng Campus Cricket Field', '浙江工业大学屏峰校区板球场', 120.0341, 30.2262, 'outdoor', 2800, ['Cricket']),
  v('hznu-cangqian-gym', 'hangzhou', 'Hangzhou Normal University Cangqian Gymnasium', '杭州师范大学仓前校区体育馆', 120.0069, 30.2929, 'arena', 3900, ['Volleyball']),
  v('hdu-gymnasium', 'hangzhou', 'Hangzhou Dianzi University Gymnasium', '杭州电子科技大学体育馆', 120.3431, 30.3161, 'hall', 2000, ['Fencing']),
  v('gongshu-canal-gym', 'hangzhou', 'Gongshu Canal Sports Park Gymnasium', '拱墅运河体育公园体育馆', 120.1446, 30.3391, 'arena', 6000, ['Table tennis', 'Breaking']),
  v('gongshu-canal-hockey', 'hangzhou', 'Gongshu Canal Sports Park Hockey Field', '拱墅运河体育公园曲棍球场', 120.1419, 30.3419, 'outdoor', 3000, ['Hockey']),
  v('hz-esports-centre', 'hangzhou', 'Hangzhou E-Sports Centre', '杭州电竞中心', 120.1622, 30.3383, 'arena', 4100, ['Esports']),
  v('hz-chess-academy', 'hangzhou', 'Hangzhou Qi-Yuan (Zhili) Chess Hall', '杭州棋院（智力大厦）', 120.1727, 30.3022, 'hall', 800, ['Chess', 'Go', 'Xiangqi', 'Bridge']),
  v('binjiang-gymnasium', 'hangzhou', 'Binjiang Gymnasium', '滨江体育馆', 120.2113, 30.1855, 'arena', 5000, ['Badminton']),
  v('shangcheng-stadium', 'hangzhou', 'Shangcheng Sports Centre Stadium', '上城体育中心体育场', 120.2035, 30.2871, 'stadium', 13000, ['Football']),
  v('shangcheng-gymnasium', 'hangzhou', 'Shangcheng Sports Centre Gymnasium', '上城体育中心体育馆', 120.2061, 30.2893, 'hall', 3000, ['Volleyball']),
  v('xiaoshan-stadium', 'hangzhou', 'Xiaoshan Sports Centre Stadium', '萧山体育中心体育场', 120.2706, 30.1679, 'stadium', 30000, ['Football']),
  v('xiaoshan-gymnasium', 'hangzhou', 'Xiaoshan Sports Centre Gymnasium', '萧山体育中心体育馆', 120.2741, 30.1702, 'arena', 5500, ['Weightlifting']),
  v('xiaoshan-linpu-gym', 'hangzhou', 'Xiaoshan Linpu Gymnasium', '萧山临浦体育馆', 120.2566, 30.0598, 'arena', 5000, ['Judo', 'Ju-jitsu', 'Kurash', 'Wrestling']),
  v('xiaoshan-guali-centre', 'hangzhou', 'Xiaoshan Guali Sports Centre', '萧山瓜沥文体中心', 120.4501, 30.1729, 'hall', 3000, ['Kabaddi']),
  v('qiantang-roller', 'hangzhou', 'Qiantang Roller Sports Centre', '钱塘轮滑中心', 120.3571, 30.3017, 'outdoor', 2200, ['Roller sports']),
  v('linping-stadium', 'hangzhou', 'Linping Sports Centre Stadium', '临平体育中心体育场', 120.2987, 30.4206, 'stadium', 25000, ['Football']),
  v('linping-gymnasium', 'hangzhou', 'Linping Sports Centre Gymnasium', '临平体育中心体育馆', 120.3014, 30.4228, 'arena', 5200, ['Karate']),
  v('fuyang-water-sports', 'hangzhou', 'Fuyang Water Sports Centre', '富阳水上运动中心', 119.9876, 30.0573, 'water', 6000, ['Rowing', 'Canoe sprint', 'Canoe slalom']),
  v('fuyang-yinhu-centre', 'hangzhou', 'Fuyang Yinhu Sports Centre', '富阳银湖体育中心', 119.9772, 30.1059, 'outdoor', 4000, ['Shooting', 'Archery', 'Modern pentathlon']),
  v('linan-sports-centre', 'hangzhou', "Lin'an Sports Culture and Exhibition Centre", '临安体育文化会展中心', 119.7248, 30.2346, 'arena', 4000, ['Taekwondo', 'Wushu']),
  v('tonglu-equestrian', 'hangzhou', 'Tonglu Equestrian Centre', '桐庐马术中心', 119.6851, 29.7965, 'outdoor', 3500, ['Equestrian']),
  v('chunan-jieshou-velodrome', 'hangzhou', "Chun'an Jieshou Velodrome", '淳安界首体育中心自行车馆', 118.9026, 29.5843, 'arena', 2500, ['Cycling track']),
  v('chunan-jieshou-road', 'hangzhou', "Chun'an Jieshou Sports Centre Road Course", '淳安界首体育中心公路自行车赛道', 118.9071, 29.5802, 'outdoor', 5000, ['Cycling road', 'Triathlon']),
  v('chunan-jieshou-mtb', 'hangzhou', "Chun'an Jieshou Mountain Bike Course", '淳安界首体育中心山地自行车赛场', 118.8982, 29.5886, 'outdoor', 3000, ['Cycling MTB', 'Cycling BMX']),
  v('west-lake-golf', 'hangzhou', 'West Lake International Golf Course', '西湖国际高尔夫球场', 120.1047, 30.2086, 'outdoor', 3000, ['Golf']),
  v('hz-marathon-course', 'hangzhou', 'Hangzhou Marathon and Race Walk Course', '杭州马拉松及竞走赛道', 120.1498, 30.2455, 'outdoor', 20000, ['Marathon', 'Race walk']),
  v('fuyang-gymnasium', 'hangzhou', 'Fuyang Gymnasium', '富阳体育馆', 119.9618, 30.0492, 'hall', 3000, ['Sepak takraw']),
  // Ningbo
  v('ningbo-xiangshan-sailing', 'ningbo', 'Ningbo Xiangshan Sailing Centre', '宁波象山亚帆中心', 121.9725, 29.3632, 'water', 3000, ['Sailing']),
  v('ningbo-banbianshan-beach', 'ningbo', 'Banbianshan Beach Volleyball Centre', '半边山沙滩排球中心', 121.9583, 29.3811, 'outdoor', 3500, ['Beach volleyball']),
  v('ningbo-beilun-gym', 'ningbo', 'Ningbo Beilun Gymnasium', '宁波北仑体育艺术中心', 121.8446, 29.9011, 'arena', 5000, ['Volleyball']),
  v('ningbo-sports-centre', 'ningbo', 'Ningbo Sports Centre Stadium', '宁波奥体中心体育场', 121.5975, 29.8622, 'stadium', 25000, ['Football']),
  // Wenzhou
  v('wenzhou-sports-centre', 'wenzhou', 'Wenzhou Sports Centre Stadium', '温州体育中心体育场', 120.6656, 28.0132, 'stadium', 20000, ['Football']),
  v('wenzhou-olympic-stadium', 'wenzhou', 'Wenzhou Olympic Sports Centre Stadium', '温州奥体中心体育场', 120.7432, 27.9701, 'stadium', 50000, ['Football']),
  v('wenzhou-olympic-gym', 'wenzhou', 'Wenzhou Olympic Sports Centre Gymnasium', '温州奥体中心体育馆', 120.7479, 27.9733, 'arena', 8000, ['Volleyball']),
  v('wenzhou-longwan-dragon', 'wenzhou', 'Wenzhou Longwan Dragon Boat Centre', '温州龙舟运动中心', 120.8214, 27.9286, 'water', 5000, ['Dragon boat']),
  // Huzhou
  v('huzhou-deqing-gym', 'huzhou', 'Deqing Sports Centre Gymnasium', '德清体育中心体育馆', 119.9775, 30.5423, 'arena', 5000, ['3x3 basketball']),
  v('huzhou-deqing-geo', 'huzhou', 'Deqing Geographic Information Town Gymnasium', '德清地理信息小镇体育馆', 119.9556, 30.5249, 'hall', 2000, ['Sepak takraw']),
  v('huzhou-olympic-stadium', 'huzhou', 'Huzhou Olympic Sports Centre Stadium', '湖州奥体中心体育场', 120.1052, 30.8747, 'stadium', 40000, ['Football']),
  v('huzhou-taihu-triathlon', 'huzhou', 'Huzhou Taihu Longzhimeng Triathlon Course', '湖州太湖龙之梦铁人三项赛场', 120.1431, 30.9372, 'water', 3000, ['Open water']),
  // Shaoxing
  v('shaoxing-olympic-gym', 'shaoxing', 'Shaoxing Olympic Sports Centre Gymnasium', '绍兴奥体中心体育馆', 120.5441, 29.9875, 'arena', 9000, ['Basketball']),
  v('shaoxing-olympic-stadium', 'shaoxing', 'Shaoxing Olympic Sports Centre Stadium', '绍兴奥体中心体育场', 120.5398, 29.9841, 'stadium', 40000, ['Football']),
  v('shaoxing-baseball', 'shaoxing', 'Shaoxing Baseball and Softball Sports Centre', '绍兴棒（垒）球体育文化中心', 120.6125, 30.0526, 'outdoor', 6000, ['Baseball', 'Softball']),
  v('shaoxing-keqiao-climbing', 'shaoxing', 'Keqiao Yangshan Sport Climbing Centre', '柯桥羊山攀岩中心', 120.5125, 30.0791, 'outdoor', 2000, ['Sport climbing']),
  v('shaoxing-textile-city', 'shaoxing', 'China Textile City Sports Centre', '中国轻纺城体育中心', 120.4986, 30.0869, 'arena', 6000, ['Volleyball']),
  // Jinhua
  v('jinhua-stadium', 'jinhua', 'Jinhua Sports Centre Stadium', '金华体育中心体育场', 119.6323, 29.0857, 'stadium', 30000, ['Football']),
  v('jinhua-gymnasium', 'jinhua', 'Jinhua Sports Centre Gymnasium', '金华体育中心体育馆', 119.6361, 29.0889, 'arena', 6000, ['Handball']),
];
