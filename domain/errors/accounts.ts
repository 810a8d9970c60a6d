// Messages of accounts: password and 电子社保卡 login, registration, forgotten passwords and the
// 法人 authorizing 经办人. The portals' own error texts are kept word for
// word, since users know them; their 说明 and 解决方案 become the action, in plain words.
export const accountErrors = {
  ACCOUNT_EMPTY: {
    message: '账号不能为空!',
    action: '请输入账号（个人为公民身份号码，单位为统一社会信用代码）后再登录。',
  },
  PASSWORD_EMPTY: {
    message: '密码不能为空!',
    action: '请输入登录密码后再登录。',
  },
  CAPTCHA_INVALID: {
    message: '图形验证码错误或已失效。',
    action: '请点击图片换一张，按图中的字符重新输入。',
  },
  CREDENTIALS_INVALID: {
    message: '用户名或密码错误!',
    action:
      '还可以再试{left}次，连续输错5次账号将被锁定2小时。请核对用户名和密码后再登录，或使用法人电子社保卡扫码登录。',
  },
  ACCOUNT_LOCKED: {
    message: '密码连续输错5次，账号已被锁定，将于{time}自动解锁。',
    action:
      '请到时再登录；急需办理业务可使用U盾登录或电子社保卡扫码登录，也可以点击“忘记密码”重新设置密码。',
  },
  PASSWORD_CHANGE_REQUIRED: {
    message: '首次登录或密码重置后，须先修改登录密码。',
    action: '请设置新的登录密码，修改后即可继续办理业务。',
  },
  PASSWORD_RULES: {
    message: '密码须为8到20位，并且同时包含字母和数字。',
    action: '请重新设置密码，例如把字母和数字组合起来，不要使用生日或123456这类简单组合。',
  },
  PASSWORD_SAME_AS_ACCOUNT: {
    message: '密码不能与账号相同。',
    action: '请换一个与身份证号、统一社会信用代码都不同的密码。',
  },
  PASSWORD_SAME_AS_OLD: {
    message: '新密码不能与原密码相同。',
    action: '请设置一个新的密码。',
  },
  OLD_PASSWORD_WRONG: {
    message: '原密码不正确。',
    action: '请核对原密码；如已忘记，请退出登录后点击“忘记密码”重新设置。',
  },
  PASSWORD_ACCOUNT_NONE: {
    message: '此次登录的身份还没有登录密码。',
    action:
      '个人可在登录页点击“个人注册”设置密码；单位账号请通过“单位注册”申请，或在“忘记密码”中重新设置。',
  },
  NAME_REQUIRED: {
    message: '姓名或单位名称不能为空。',
    action: '请按身份证或营业执照上的写法填写（不超过50个字）。',
  },
  MOBILE_INVALID: {
    message: '手机号码格式不正确。',
    action: '请输入11位手机号码，用于接收短信验证码。',
  },
  SMS_TOO_SOON: {
    message: '验证码发送太频繁，请{seconds}秒后再获取。',
    action: '同一手机号每60秒只能获取一次验证码，请先查看手机是否已经收到短信。',
  },
  SMS_CODE_INVALID: {
    message: '短信验证码不正确。',
    action: '还可以再试{left}次。请核对手机短信中的6位验证码后重新输入。',
  },
  SMS_CODE_EXPIRED: {
    message: '短信验证码已失效。',
    action: '验证码5分钟内有效，最多可输错5次。请点击“获取验证码”重新获取。',
  },
  ID_MISMATCH: {
    message: '身份证号与社保系统信息不一致',
    action:
      '请先检查填写的姓名和身份证号是否正确（如15位身份证已升为18位）；确认无误后，请携带本人身份证原件到参保地社保经办机构更新信息，再重新注册。',
  },
  ALREADY_REGISTERED: {
    message: '该身份证号已经注册过个人账号。',
    action: '请直接用身份证号和密码登录；如忘记密码，请点击“忘记密码”重新设置。',
  },
  UNIT_VERIFY_FAILED: {
    message: '企业信息在组织机构相关信息库验证失败，无法注册!',
    action:
      '营商、养老参保和机关事业三方都没有查到与填写内容一致的单位信息。请核对统一社会信用代码、单位名称、法人姓名和法人身份证号是否与单位养老保险参保登记的信息一致，改成一致后重新注册；如参保登记的信息本身有误，请先到经办机构办理“单位关键信息维护”；如单位刚参保，请等待数据同步后再试。',
  },
  LEGAL_ACCOUNT_EXISTS: {
    message: '根据统一社会信用代码发现，当前法人账号已经存在，可以直接扫码登录!',
    action: '当前注册的法人已经存在，不需要再注册。请使用法人电子社保卡扫码登录。',
  },
  REGISTRATION_PENDING: {
    message: '该单位的注册申请正在审核中。',
    action: '审核一般需要1-3个工作日，请用申请编号查询审核进度，不需要重复提交。',
  },
  APPLICATION_NOT_FOUND: {
    message: '未找到该注册申请。',
    action: '请核对申请编号；如申请已被退回，请按退回原因修改后重新提交注册。',
  },
  APPLICATION_DECIDED: {
    message: '该注册申请已经审核过了。',
    action: '请刷新后查看审核结果。',
  },
  LEGAL_NOT_FOUND: {
    message: '未找到当前法人账号信息，请先注册法人账号!',
    action:
      '请确认扫码的是单位法人本人，并选择了“法人扫码登录”；如单位尚未注册，请先点击“单位注册”完成注册，审核通过后再扫码登录。',
  },
  QR_EXPIRED: {
    message: '二维码已过期。',
    action: '请点击“刷新二维码”后重新扫码。',
  },
  QR_REFUSED: {
    message: '已在电子社保卡上取消本次登录。',
    action: '如需登录，请刷新二维码后重新扫码，并在手机上点击“确认登录”。',
  },
  QR_NOT_FOUND: {
    message: '二维码无效。',
    action: '请刷新二维码后重新扫码。',
  },
  QR_ALREADY_SCANNED: {
    message: '此二维码已被其他人扫描。',
    action: '请刷新二维码后重新扫码。',
  },
  FORBIDDEN: {
    message: '只有单位法人可以管理经办人授权和单位资料。',
    action: '经办人的用户中心没有“授权登录”和“修改资料”。如需调整授权，请联系单位法人。',
  },
  ENTERPRISE_CHOICE_REQUIRED: {
    message: '您是多家单位的法人，请先选择要管理的单位。',
    action: '请进入要管理的单位后，再打开“授权登录”。',
  },
  AGENT_NAME_MISMATCH: {
    message: '经办人姓名与证件号码不一致。',
    action: '证件号码或姓名填错，经办人将无法登录。请按经办人身份证核对后重新填写。',
  },
  AGENT_EXISTS: {
    message: '该经办人已经添加过了。',
    action: '如需修改姓名或联系电话，请在列表中点击“修改”。',
  },
  AGENT_NOT_FOUND: {
    message: '未找到该经办人。',
    action: '该经办人可能已被删除，请刷新列表后重试。',
  },
  GRANT_UNIT_INVALID: {
    message: '所选参保关系不属于本单位。',
    action: '请刷新列表，从本单位的参保关系中重新勾选。',
  },
  COUNTER_REGISTRATION_MISMATCH: {
    message:
      '系统没有识别到统一社会信用代码：{uscc} 以及法人信息证件号码：{legalId}的有效公共服务注册信息，请在公共服务端办理注册后再由经办机构进行授权操作。',
    action:
      '企业网端的统一社会信用代码和法人证件号码与单位参保时填写的信息不一致。参保信息不对时，请单位办理“单位关键信息维护”修改统一社会信用代码和法人信息；企业网端信息不对时，请按参保信息的统一社会信用代码和法人重新注册。',
  },
  ATTACHMENT_INVALID: {
    message: '授权委托书图片无效。',
    action: '请上传清晰的JPG或PNG图片（不超过2MB）后重新提交。',
  },
  RESET_MISMATCH: {
    message: '账号、经办人身份证号或手机号与注册时填写的不一致。',
    action:
      '请按注册时填写的信息核对后重试；如无法通过手机找回，请携带单位公章、经办人身份证原件到社保服务大厅现场重置。',
  },
  TOKEN_SIGNATURE_REQUIRED: {
    message: '提交申报需要U盾签名，账号密码或扫码登录不能提交。',
    action: '草稿已保存，不会丢失。请插入U盾，使用U盾登录后再提交申报。',
  },
  GUIDES_UNAVAILABLE: {
    message: '暂时无法获取办事指南。',
    action: '请检查网络后重试；曾经打开过的指南在离线时也可以查看。',
  },
} as const satisfies Record<string, { message: string; action: string }>;
