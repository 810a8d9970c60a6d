// 办事指南 of every business the app offers, as the service publishes them. The version is a
// digest of the content, so a client's cache knows when to refresh.
import { createHash } from 'node:crypto';
import type { Guide, GuidesResponse } from '../../domain/protocol/accounts';

const agency = '参保地社会保险经办机构（社保中心）';
const contact = '12333 人力资源和社会保障服务热线，或参保地社保经办机构窗口';
const hours =
  '网上办理：全天（每月最后一天及工作日22:00后系统维护时暂停）；窗口：法定工作日 9:00-17:00';
const basis = [
  '《中华人民共和国社会保险法》',
  '《社会保险费征缴暂行条例》（国务院令第259号）',
  '《社会保险登记管理暂行办法》（劳动和社会保障部令第1号）',
];

const guides: Guide[] = [
  {
    business: 'addition',
    title: '参保人员增员',
    agency,
    legalBasis: basis,
    conditions: [
      '单位已办理社会保险登记，且经办人已获法人授权办理本单位业务。',
      '职工与单位已建立劳动关系，应自用工之日起30日内办理增员。',
    ],
    process: [
      '登录后进入单位，选择“增员”，填写或导入人员信息。',
      '点击“数据校验”，按提示修改有问题的行。',
      '插入U盾，点击“提交申报”，由U盾签名后上传。',
      '经办机构审核，结果在“业务记录”中查看（已通过/被退回）。',
    ],
    materials: ['职工居民身份证（或其他有效证件）信息', '劳动合同（经办机构要求时提供）'],
    contact,
    hours,
  },
  {
    business: 'reduction',
    title: '参保人员减员',
    agency,
    legalBasis: basis,
    conditions: ['职工与单位终止或解除劳动关系、退休、死亡等情形。'],
    process: [
      '选择“减员”，从参保人员中选择要减员的职工并填写减员原因和日期。',
      '数据校验通过后，使用U盾签名提交申报。',
      '在“业务记录”中查看审核结果。',
    ],
    materials: ['解除或终止劳动关系证明（经办机构要求时提供）'],
    contact,
    hours,
  },
  {
    business: 'base',
    title: '缴费基数申报',
    agency,
    legalBasis: basis,
    conditions: ['每年度按规定时间申报职工上年度月平均工资作为本年度缴费基数。'],
    process: [
      '选择“缴费基数申报”，填写或导入每位职工的月平均工资。',
      '程序按本地缴费基数上下限提示超出范围的数据。',
      '使用U盾签名提交申报，在“业务记录”中查看审核结果。',
    ],
    materials: ['职工工资发放明细（留存备查）'],
    contact,
    hours,
  },
  {
    business: 'monthly',
    title: '月度申报',
    agency,
    legalBasis: basis,
    conditions: ['单位按月申报应缴社会保险费，在每月规定的申报期内办理。'],
    process: [
      '选择“月度申报”，核对本月参保人员和缴费基数。',
      '数据校验通过后，使用U盾签名提交申报。',
      '审核通过后按通知缴费，在“业务记录”中查看状态。',
    ],
    materials: ['本月人员变动情况（已通过增员、减员办理）'],
    contact,
    hours,
  },
];

const version = createHash('sha256').update(JSON.stringify(guides)).digest('hex').slice(0, 16);

export const businessGuides: GuidesResponse = { version, guides };
