//! The ids of the records, one type each (see [`crate::id_type!`]). On the wire each is the
//! plain UUID string.

id_type!(
    /// A congress (人民代表大会).
    CongressId
);
id_type!(
    /// A term of a congress (届).
    TermId
);
id_type!(
    /// A deputy, the person (代表).
    DeputyId
);
id_type!(
    /// A mandate: one deputy's seat in one congress for one term.
    MandateId
);
id_type!(
    /// A deputy group (代表小组).
    DeputyGroupId
);
id_type!(
    /// A delegation (代表团).
    DelegationId
);
id_type!(
    /// An activity or session (会议、活动).
    ActivityId
);
id_type!(
    /// A suggestion (建议、批评和意见).
    SuggestionId
);
id_type!(
    /// A motion (议案).
    MotionId
);
id_type!(
    /// A user account.
    UserId
);
id_type!(
    /// A handling organisation (承办单位), also a government department under appraisal.
    HandlingOrgId
);
