package com.techcorp.data;

import com.techcorp.oauth.architecture.SuiteArchitecture;
import org.junit.jupiter.api.Test;

/** The structure DESIGN.md asks for, checked by the build: see {@link SuiteArchitecture}. */
class ArchitectureTest {

    @Test
    void packagesDependOneWayResourcesLeaveQueriesToRepositoriesAndNoOtherServiceIsImported() {
        SuiteArchitecture.check("com.techcorp.data");
    }
}
